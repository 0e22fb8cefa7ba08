/**
 * What a cell component renders, computed once from the model and compared
 * with the output the MDX writes down: the build fails if that is missing or
 * stale. (The build's own check, src/notebook/astro-integration.ts, has already
 * named the MDX file and line; this guards `astro dev` and any page it missed.)
 */
import { NakError } from '../errors.ts';
import { reportText } from '../explore/report.ts';
import { formatPermalink } from '../play/permalink.ts';
import { formatTrace } from '../trace/format.ts';
import { UPDATE_HINT, mismatch } from './check.ts';
import { claimValue, exploreCached, layoutOf, runCommand, runFor, scenarioFor, stateOfRun, stateText, stepNumber } from './evaluate.ts';
import { renderStateDiagram, stateFactsHtml } from './state-diagram.ts';
import { escapeHtml } from './render.ts';
import { normalizeOutput, type CellComponent } from './extract.ts';
import { renderExploreTable, renderTraceTable } from './render.ts';
import { mapData, mapText } from './map.ts';
import { renderMapFigure } from './map-figure.ts';

export interface CellProps {
  readonly scenario?: string;
  readonly pinned?: string;
  readonly schedule?: string;
  readonly seed?: string;
  readonly value?: string;
  readonly situation?: string;
  readonly layout?: string;
  /** For a map: one or two scenario ids, and the mark it sorts by. */
  readonly scenarios?: string;
  readonly mark?: string;
  readonly output?: string;
  readonly is?: string;
  readonly title?: string;
  /** For a state cell: the step whose state it shows (0 for the start). */
  readonly step?: string;
}

function expectWritten(component: CellComponent, written: string | undefined, actual: string, where: string): void {
  if (written === undefined) throw new NakError('bad-cell', `${where}: <${component}> has no written expectation; ${UPDATE_HINT}`);
  const d = mismatch(component === 'Claim' ? written : normalizeOutput(written), actual);
  if (d) {
    throw new NakError('bad-cell', `${where}: <${component}> differs from the model at its line ${d.line + 1}\n  expected: ${d.expected}\n  actual:   ${d.actual}\n${UPDATE_HINT}`);
  }
}

/** `path` (which starts with a slash) under the site's base path, as Astro gives it in import.meta.env.BASE_URL. */
export function underBase(base: string, path: string): string {
  return base.replace(/\/$/, '') + path;
}

/** A trace cell; `base` is the site's base path, for its link to the playground. */
export function traceCell(props: CellProps, where: string, base = '/') {
  const s = scenarioFor(props.scenario);
  const choice = { pinned: props.pinned, schedule: props.schedule, seed: props.seed };
  const run = runFor(s, choice);
  const layout = layoutOf(props.layout);
  expectWritten('TraceCell', props.output, formatTrace(run, layout).trimEnd(), where);
  const note = props.pinned ? s.schedules![props.pinned]!.note : null;
  // Chapter links open the playground at step 0, with the cell's run ready to step.
  const playUrl = underBase(base, '/play/');
  const play = playUrl + formatPermalink({ scenario: s.id, schedule: run.schedule, step: 0 });
  return { scenario: s, note, command: runCommand(s, choice, layout), html: renderTraceTable(run, layout), play, stepper: { schedule: run.schedule, playUrl } };
}

export function exploreCell(props: CellProps, where: string) {
  const s = scenarioFor(props.scenario);
  const report = exploreCached(s, props.situation);
  expectWritten('ExploreCell', props.output, reportText(s, report).trimEnd(), where);
  const sit = props.situation ? s.situations![props.situation]! : null;
  return {
    scenario: s,
    note: sit ? `Only the runs in which ${report.situation!.guard}: ${sit.description}` : s.summary,
    command: `npm run nak -- explore ${s.id}${props.situation ? ` --situation ${props.situation}` : ''}`,
    html: renderExploreTable(s, report),
    explore: { situation: props.situation ?? null },
  };
}

/** The claim's value, once it is known to be the one the MDX writes. */
export function claim(props: CellProps, where: string): string {
  const s = scenarioFor(props.scenario);
  const value = claimValue(s, props.value, { pinned: props.pinned, schedule: props.schedule, seed: props.seed }, props.situation);
  expectWritten('Claim', props.is, value, where);
  return value;
}

let stateCells = 0;

/** A state cell: the state at one step of a run, as a diagram, with the same facts as text (checked) beside it. */
export function stateCell(props: CellProps, where: string) {
  const s = scenarioFor(props.scenario);
  const choice = { pinned: props.pinned, schedule: props.schedule, seed: props.seed };
  // The state is computed once: its text is checked, and the diagram drawn from it.
  const st = stateOfRun(s, runFor(s, choice), stepNumber(props.step));
  expectWritten('StateCell', props.output, stateText(s, st), where);
  const { at, world, before } = st;
  const caption = st.caption[0]!.toUpperCase() + st.caption.slice(1);
  const id = `nak-state-${s.id}-${at}-${++stateCells}`;
  const html =
    `<p class="nak-summary">${escapeHtml(caption)}${before ? '; what it changed is marked.' : '.'}</p>` +
    `<div class="nak-state-cell">${renderStateDiagram(world, { before, label: `${s.id}: ${caption}`, idPrefix: id })}` +
    `${stateFactsHtml(world, before)}</div>`;
  return {
    scenario: s,
    note: props.pinned ? s.schedules![props.pinned]!.note : null,
    command: `${runCommand(s, choice)} --state-at ${at}`,
    html,
  };
}

/** A map cell: its text checked against the written output, its figure drawn from the same rows. */
export function mapCell(props: CellProps, where: string) {
  const data = mapData(props.scenarios, props.mark);
  expectWritten('MapCell', props.output, mapText(data), where);
  const ids = data.reports.map((r) => r.scenario);
  const scenario = scenarioFor(ids[ids.length - 1]);
  return {
    scenario,
    title: `Where ${data.reports[0]!.description}`,
    note: `Every schedule of ${ids.join(' and of ')}, sorted by ${data.reports[0]!.description}, and by how it ends.`,
    command: ids.map((id) => `npm run nak -- map ${id} ${data.mark}`).join('\n'),
    html: renderMapFigure(data),
  };
}
