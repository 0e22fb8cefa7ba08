/**
 * The drift check: every cell and claim in a chapter must state what the model
 * computes. One function per rule; each issue names the file, the line, what
 * was expected and what the model says.
 */
import { NakError } from '../errors.ts';
import { claimValue, exploreCached, exploreOutput, layoutOf, scenarioFor, stateOutput, traceOutput, type RunChoice } from './evaluate.ts';
import type { CellRef } from './extract.ts';
import { mapOutput } from './map.ts';

export type IssueKind =
  | 'malformed-cell'
  | 'unknown-scenario'
  | 'bad-schedule'
  | 'missing-expectation'
  | 'stale-output'
  | 'stale-claim'
  | 'verdict-mismatch'
  | 'unknown-component'
  | 'bare-number'
  | 'glossary-link'
  | 'no-cells'
  | 'vacuous-situation'
  | 'model-error';

export interface Issue {
  readonly kind: IssueKind;
  readonly file: string;
  readonly line: number;
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
}

const ALLOWED: Record<CellRef['component'], readonly string[]> = {
  TraceCell: ['scenario', 'pinned', 'schedule', 'seed', 'layout', 'output', 'title'],
  ExploreCell: ['scenario', 'situation', 'output', 'title'],
  MapCell: ['scenarios', 'mark', 'output', 'title'],
  StateCell: ['scenario', 'pinned', 'schedule', 'seed', 'step', 'output', 'title'],
  Claim: ['scenario', 'pinned', 'schedule', 'seed', 'situation', 'value', 'is'],
};

export const UPDATE_HINT = 'accept the model\'s output with: npm run nak -- verify --update';

/** What the model says this cell or claim should show. Throws NakError for a cell it cannot evaluate. */
export function actualFor(cell: CellRef): string {
  if (cell.component === 'MapCell') return mapOutput(cell.attrs.scenarios, cell.attrs.mark);
  const s = scenarioFor(cell.attrs.scenario);
  const choice: RunChoice = { pinned: cell.attrs.pinned, schedule: cell.attrs.schedule, seed: cell.attrs.seed };
  switch (cell.component) {
    case 'TraceCell':
      return traceOutput(s, choice, layoutOf(cell.attrs.layout));
    case 'ExploreCell':
      return exploreOutput(s, cell.attrs.situation);
    case 'StateCell':
      return stateOutput(s, choice, cell.attrs.step);
    case 'Claim':
      return claimValue(s, cell.attrs.value, choice, cell.attrs.situation);
  }
}

function shape(cell: CellRef): Issue[] {
  const unknown = Object.keys(cell.attrs).filter((a) => !ALLOWED[cell.component].includes(a));
  const problems = [...cell.problems, ...unknown.map((a) => `unknown attribute '${a}' (allowed: ${ALLOWED[cell.component].join(', ')})`)];
  if (cell.component === 'Claim' && cell.block) {
    problems.push('a claim alone on its line becomes a paragraph of its own; keep it on a line with the words around it');
  }
  return problems.map((p) => ({ kind: 'malformed-cell', file: cell.file, line: cell.line, message: `<${cell.component}>: ${p}` }));
}

/** Spaces and tabs made visible (· and →), for a difference that is only whitespace. */
export function visibleWhitespace(s: string): string {
  return s.replace(/ /g, '·').replace(/\t/g, '→');
}

/** Where a written output first differs from the model's: 0-based line and both texts of it; null if equal. */
export function mismatch(expected: string, actual: string): { line: number; expected: string; actual: string; whitespaceOnly: boolean } | null {
  if (expected === actual) return null;
  const exp = expected.split('\n');
  const act = actual.split('\n');
  let i = 0;
  while (exp[i] === act[i]) i++;
  const e = exp[i] ?? '(no line)';
  const a = act[i] ?? '(no line)';
  const whitespaceOnly = e.replace(/\s+/g, '') === a.replace(/\s+/g, '') && exp[i] !== undefined && act[i] !== undefined;
  return whitespaceOnly ? { line: i, expected: visibleWhitespace(e), actual: visibleWhitespace(a), whitespaceOnly } : { line: i, expected: e, actual: a, whitespaceOnly };
}

/** Whether the cell is about an exhaustive exploration (and so states its verdicts). */
function aboutExploration(cell: CellRef): boolean {
  return cell.component === 'ExploreCell' || (cell.component === 'Claim' && !cell.attrs.pinned && !cell.attrs.schedule && !cell.attrs.seed);
}

/**
 * The properties whose found verdict is not the one the scenario declares, as
 * "oops: declared never, found sometimes"; empty when they all match. A page
 * must never publish an exploration that contradicts its scenario.
 */
export function verdictMismatches(scenarioId: string, situation?: string): string[] {
  const r = exploreCached(scenarioFor(scenarioId), situation);
  return Object.entries(r.properties)
    .filter(([, p]) => p.verdict !== p.expected)
    .map(([name, p]) => `${name}: declared ${p.expected}, found ${p.verdict}`);
}

export function checkCell(cell: CellRef): Issue[] {
  const malformed = shape(cell);
  if (malformed.length) return malformed;
  let actual: string;
  try {
    actual = actualFor(cell);
  } catch (e) {
    if (!(e instanceof NakError)) throw e;
    const kind: IssueKind =
      e.kind === 'unknown-scenario' ? 'unknown-scenario'
      : e.kind === 'bad-schedule' ? 'bad-schedule'
      : e.kind === 'model-error' || e.kind === 'internal-error' ? 'model-error'
      : e.kind === 'bad-situation' ? 'vacuous-situation'
      : 'malformed-cell';
    return [{ kind, file: cell.file, line: cell.line, message: `<${cell.component}>: ${e.message}` }];
  }
  if (aboutExploration(cell)) {
    const differ = verdictMismatches(cell.attrs.scenario!, cell.attrs.situation);
    if (differ.length) {
      const whose = cell.attrs.situation ? `situation ${cell.attrs.situation} of scenario ${cell.attrs.scenario}` : `scenario ${cell.attrs.scenario}`;
      return [{
        kind: 'verdict-mismatch',
        file: cell.file,
        line: cell.line,
        message: `<${cell.component}>: ${whose}: declared verdicts differ from the model (${differ.join('; ')}): fix the declared expect, or the model, before a chapter shows it`,
      }];
    }
  }
  const what = cell.component === 'Claim' ? `is="…"` : 'output={`…`}';
  if (cell.expected === null) {
    return [{ kind: 'missing-expectation', file: cell.file, line: cell.line, message: `<${cell.component}> has no ${what}: write down what the model shows; ${UPDATE_HINT}`, actual }];
  }
  if (cell.expected === actual) return [];
  if (cell.component === 'Claim') {
    return [{ kind: 'stale-claim', file: cell.file, line: cell.expectedLine, message: `<Claim value="${cell.attrs.value}"> says "${cell.expected}", the model says "${actual}"; ${UPDATE_HINT}`, expected: cell.expected, actual }];
  }
  const d = mismatch(cell.expected, actual)!;
  return [{
    kind: 'stale-output',
    file: cell.file,
    line: cell.expectedLine + d.line,
    message: `<${cell.component}> output differs from the model at its line ${d.line + 1}${d.whitespaceOnly ? ' only in whitespace (· is a space, → a tab)' : ''}; ${UPDATE_HINT}`,
    expected: d.expected,
    actual: d.actual,
  }];
}

export function formatIssue(issue: Issue): string {
  const lines = [`${issue.file}:${issue.line}: ${issue.kind}: ${issue.message}`];
  if (issue.expected !== undefined) lines.push(`  expected: ${issue.expected}`);
  if (issue.actual !== undefined && issue.kind !== 'missing-expectation') lines.push(`  actual:   ${issue.actual}`);
  return lines.join('\n');
}

/**
 * Rewrite a chapter so every evaluable cell and claim states the model's current output.
 * Refuses (NakError) to write an exploration whose verdicts differ from its scenario's declaration.
 */
export function updateSource(source: string, cells: readonly CellRef[]): string {
  let out = source;
  for (const cell of [...cells].sort((a, b) => b.start - a.start)) {
    if (shape(cell).length) continue;
    if (aboutExploration(cell) && cell.attrs.scenario) {
      let differ: string[] = [];
      try {
        differ = verdictMismatches(cell.attrs.scenario, cell.attrs.situation);
      } catch (e) {
        if (!(e instanceof NakError)) throw e;
      }
      if (differ.length) {
        throw new NakError('bad-usage', `${cell.file}:${cell.line}: refusing to write <${cell.component}> for scenario ${cell.attrs.scenario}: its declared verdicts differ from the model (${differ.join('; ')}); fix the scenario's expect, or the model, first`);
      }
    }
    let actual: string;
    try {
      actual = actualFor(cell);
    } catch (e) {
      if (e instanceof NakError) continue;
      throw e;
    }
    if (cell.expected === actual) continue;
    const raw = out.slice(cell.start, cell.end);
    let next: string;
    if (cell.component === 'Claim') {
      const value = actual.replace(/"/g, '&quot;');
      next = /\sis="[^"]*"/.test(raw) ? raw.replace(/\sis="[^"]*"/, ` is="${value}"`) : raw.replace(/\s*\/>$/, ` is="${value}" />`);
    } else {
      const literal = 'output={`\n' + actual + '\n`}';
      next = /output=\{`[\s\S]*?`\}/.test(raw) ? raw.replace(/output=\{`[\s\S]*?`\}/, () => literal) : raw.replace(/\s*\/>$/, () => `\n  ${literal}\n/>`);
    }
    out = out.slice(0, cell.start) + next + out.slice(cell.end);
  }
  return out;
}
