/**
 * What a cell component needs, checked: the component calls this at build
 * time and the build fails if the written output is missing or stale.
 */
import { NakError } from '../errors.ts';
import { checkCell, formatIssue } from './check.ts';
import { exploreCached, runCommand, runFor, scenarioFor } from './evaluate.ts';
import type { CellComponent, CellRef } from './extract.ts';
import { renderExploreTable, renderTraceTable } from './render.ts';
import { formatPermalink } from '../play/permalink.ts';

export interface CellProps {
  readonly scenario?: string;
  readonly pinned?: string;
  readonly schedule?: string;
  readonly seed?: string;
  readonly value?: string;
  readonly output?: string;
  readonly is?: string;
  readonly title?: string;
}

/** Check the props as `nak verify` checks the MDX; throw the same message if they disagree. */
export function assertCell(component: CellComponent, props: CellProps, where: string): void {
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) if (typeof v === 'string' && k !== 'output') attrs[k] = v;
  const expected = component === 'Claim' ? (props.is ?? null) : typeof props.output === 'string' ? props.output.replace(/^\n/, '').replace(/\s+$/, '') : null;
  const ref: CellRef = { file: where, component, line: 0, start: 0, end: 0, attrs, expected, expectedLine: 0, problems: [] };
  const issues = checkCell(ref);
  if (issues.length) throw new NakError('bad-cell', issues.map(formatIssue).join('\n') + '\n(run npm run nak -- verify for file and line)');
}

export function traceCell(props: CellProps, where: string) {
  assertCell('TraceCell', props, where);
  const s = scenarioFor(props.scenario);
  const choice = { pinned: props.pinned, schedule: props.schedule, seed: props.seed };
  const run = runFor(s, choice);
  const note = props.pinned ? s.schedules![props.pinned]!.note : null;
  const play = `/play/${formatPermalink({ scenario: s.id, schedule: run.schedule })}`;
  return { scenario: s, note, command: runCommand(s, choice), html: renderTraceTable(run), play };
}

export function exploreCell(props: CellProps, where: string) {
  assertCell('ExploreCell', props, where);
  const s = scenarioFor(props.scenario);
  return { scenario: s, note: s.summary, command: `npm run nak -- explore ${s.id}`, html: renderExploreTable(s, exploreCached(s)) };
}
