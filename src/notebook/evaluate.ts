/**
 * What a notebook cell or claim shows, computed from the model. The site's
 * components, `nak verify` and the tests all call these same functions, so a
 * page cannot show output the tests did not check.
 */
import { NakError } from '../errors.ts';
import { explore, type ExploreReport } from '../explore/explore.ts';
import { reportText } from '../explore/report.ts';
import { randomRun, replay, type Run } from '../explore/run.ts';
import { formatSchedule } from '../explore/schedule.ts';
import type { World } from '../model/world.ts';
import { stateFactsText } from './state-diagram.ts';
import { PROPERTY_NAMES } from '../properties/index.ts';
import { scenarioById } from '../scenario/catalogue.ts';
import type { Scenario } from '../scenario/define.ts';
import { formatTrace, type TraceLayout } from '../trace/format.ts';

/** Which interleaving a trace cell or a run claim is about: exactly one of these. */
export interface RunChoice {
  readonly pinned?: string;
  readonly schedule?: string;
  readonly seed?: string;
}

const reports = new Map<string, ExploreReport>();

/** Exploration results are pure functions of the scenario (and situation): compute each once per process. */
export function exploreCached(s: Scenario, situation?: string): ExploreReport {
  const key = situation === undefined ? s.id : `${s.id}\u0000${situation}`;
  let r = reports.get(key);
  if (!r) {
    r = explore(s, {}, situation);
    if (!r.complete) throw new NakError('bound-exceeded', `${s.id}: exploration incomplete: ${r.incomplete}`);
    reports.set(key, r);
  }
  return r;
}

export function scenarioFor(id: string | undefined): Scenario {
  if (!id) throw new NakError('bad-cell', 'missing scenario="…"');
  return scenarioById(id);
}

/** A cell's layout attribute, checked. */
export function layoutOf(value: string | undefined): TraceLayout {
  if (value === undefined || value === 'tasks' || value === 'cpus') return value ?? 'tasks';
  throw new NakError('bad-cell', `layout="${value}" is not tasks or cpus`);
}

/** The command a reader runs to see the same thing in a terminal. */
export function runCommand(s: Scenario, c: RunChoice, layout: TraceLayout = 'tasks'): string {
  const lay = layout === 'tasks' ? '' : ` --layout ${layout}`;
  if (c.pinned) return `npm run nak -- run ${s.id} --pinned ${c.pinned}${lay}`;
  if (c.seed) return `npm run nak -- run ${s.id} --seed ${c.seed}${lay}`;
  return `npm run nak -- run ${s.id} --schedule "${c.schedule}"${lay}`;
}

export function runFor(s: Scenario, c: RunChoice): Run {
  const given = (['pinned', 'schedule', 'seed'] as const).filter((k) => c[k] !== undefined);
  if (given.length !== 1) {
    throw new NakError('bad-cell', `give exactly one of pinned="…", schedule="…" or seed="…" (got ${given.length ? given.join(', ') : 'none'})`);
  }
  if (c.pinned !== undefined) {
    const p = s.schedules?.[c.pinned];
    if (!p) throw new NakError('bad-cell', `${s.id} has no pinned schedule '${c.pinned}'; it has: ${Object.keys(s.schedules ?? {}).join(', ') || 'none'}`);
    return replay(s, p.schedule, `${s.id}: pinned schedule ${c.pinned}`);
  }
  if (c.seed !== undefined) {
    if (!/^[0-9]+$/.test(c.seed)) throw new NakError('bad-cell', `seed="${c.seed}" is not a whole number`);
    return randomRun(s, Number(c.seed));
  }
  return replay(s, c.schedule!);
}

export function traceOutput(s: Scenario, c: RunChoice, layout: TraceLayout = 'tasks'): string {
  return formatTrace(runFor(s, c), layout).trimEnd();
}

/** The state of `run` after `at` of its steps (not counting the prelude), and the state one step earlier (null at the start). */
export interface StateAt {
  readonly at: number;
  readonly world: World;
  readonly before: World | null;
  /** "after step 9: kworker:fput work_done", or "at the start (after the prelude)". */
  readonly caption: string;
}

export function stateOfRun(s: Scenario, run: Run, at: number): StateAt {
  const own = run.steps.filter((st) => !st.prelude);
  if (at > own.length) throw new NakError('bad-cell', `step ${at}: the run has only ${own.length} step${own.length === 1 ? '' : 's'}`);
  const prefix = (k: number) => replay(s, formatSchedule(own.slice(0, k).map((st) => st.event.task))).world;
  const last = own[at - 1];
  const caption = last ? `after step ${at}: ${last.event.task} ${last.event.call}` : 'at the start (after the prelude)';
  return { at, world: prefix(at), before: at === 0 ? null : prefix(at - 1), caption };
}

/** The text a state cell shows and `nak run --state-at` prints: which step, then the state's facts, what that step changed marked. */
export function stateText(s: Scenario, st: StateAt): string {
  return `# ${s.id}, ${st.caption}\n${stateFactsText(st.world, st.before)}`.trimEnd();
}

/** A state cell's step attribute, checked. */
export function stepNumber(step: string | undefined): number {
  if (step === undefined || !/^(0|[1-9][0-9]{0,3})$/.test(step)) throw new NakError('bad-cell', `step="${step ?? ''}" should be a whole number of steps (0 for the start)`);
  return Number(step);
}

export function stateOutput(s: Scenario, c: RunChoice, step: string | undefined): string {
  return stateText(s, stateOfRun(s, runFor(s, c), stepNumber(step)));
}

export function exploreOutput(s: Scenario, situation?: string): string {
  return reportText(s, exploreCached(s, situation)).trimEnd();
}

const EXPLORE_VALUES = ['states', 'transitions', 'schedules', 'finalStates', 'depth'] as const;
const PROPERTY_VALUES = ['verdict', 'expected', 'schedulesSeen', 'witnessSteps', 'witness', 'evidence'] as const;
const RUN_VALUES = ['steps', 'schedule', 'end'] as const;
const RUN_PROPERTY_VALUES = ['step', 'evidence'] as const;

/** Every value name a claim may ask for, for error messages. */
export function claimValueNames(run: boolean): string[] {
  const props = (vals: readonly string[]) => PROPERTY_NAMES.flatMap((p) => vals.map((v) => `${p}.${v}`));
  return run ? [...RUN_VALUES, ...props(RUN_PROPERTY_VALUES), 'step-of <task> <call>[#n]'] : [...EXPLORE_VALUES, ...props(PROPERTY_VALUES)];
}

/** "step-of kworker:fput __fput(file1)#2": the step at which that task makes that call (its n-th time). */
const STEP_OF = /^step-of (\S+) (.+?)(?:#([1-9][0-9]*))?$/;

/** The step's label as the trace prints it: "p4" for a prelude step, "7" for the seventh step of the run. */
function stepOf(run: Run, value: string): string {
  const [, task, call, nth] = STEP_OF.exec(value)!;
  const hits = run.steps.filter((st) => st.event.task === task && st.event.call === call);
  const n = nth ? Number(nth) : 1;
  const hit = hits[n - 1];
  if (!hit) {
    throw new NakError('bad-cell', `${value}: ${task} makes the call ${call} ${hits.length} time${hits.length === 1 ? '' : 's'} in this run, not ${n}`);
  }
  return hit.prelude ? `p${hit.index}` : String(hit.index);
}

/**
 * The value a claim states. Without a schedule, about the exhaustive
 * exploration ("states", "oops.verdict", "oops.schedulesSeen"); with one,
 * about that run ("steps", "oops.step", "end").
 */
export function claimValue(s: Scenario, value: string | undefined, c: RunChoice, situation?: string): string {
  if (!value) throw new NakError('bad-cell', 'missing value="…"');
  const isRun = c.pinned !== undefined || c.schedule !== undefined || c.seed !== undefined;
  if (isRun && situation !== undefined) throw new NakError('bad-cell', 'situation="…" is for an exploration; a run (pinned, schedule or seed) is one interleaving');
  const known = claimValueNames(isRun);
  if (isRun && STEP_OF.test(value)) return stepOf(runFor(s, c), value);
  if (!known.includes(value)) {
    throw new NakError('bad-cell', `unknown value '${value}' for ${isRun ? 'a run' : 'an exploration'}; known: ${known.join(', ')}`);
  }
  const [head, field] = value.split('.') as [string, string | undefined];
  if (isRun) {
    const run = runFor(s, c);
    if (!field) {
      if (head === 'steps') return String(run.steps.filter((x) => !x.prelude).length);
      if (head === 'schedule') return run.schedule;
      return run.world.halted ?? (run.runnable.length ? 'runnable' : 'stopped');
    }
    const seen = run.firstSeen[head];
    if (field === 'step') return seen ? String(seen.step) : 'never';
    return seen ? seen.evidence : 'never';
  }
  const r = exploreCached(s, situation);
  if (!field) return String(r[head as (typeof EXPLORE_VALUES)[number]]);
  const p = r.properties[head]!;
  return String(p[field as (typeof PROPERTY_VALUES)[number]] ?? 'none');
}
