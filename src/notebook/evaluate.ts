/**
 * What a notebook cell or claim shows, computed from the model. The site's
 * components, `nak verify` and the tests all call these same functions, so a
 * page cannot show output the tests did not check.
 */
import { NakError } from '../errors.ts';
import { explore, type ExploreReport } from '../explore/explore.ts';
import { reportText } from '../explore/report.ts';
import { randomRun, replay, type Run } from '../explore/run.ts';
import { PROPERTY_NAMES } from '../properties/index.ts';
import { scenarioById } from '../scenario/catalogue.ts';
import type { Scenario } from '../scenario/define.ts';
import { formatTrace } from '../trace/format.ts';

/** Which interleaving a trace cell or a run claim is about: exactly one of these. */
export interface RunChoice {
  readonly pinned?: string;
  readonly schedule?: string;
  readonly seed?: string;
}

const reports = new Map<string, ExploreReport>();

/** Exploration results are pure functions of the scenario: compute each once per process. */
export function exploreCached(s: Scenario): ExploreReport {
  let r = reports.get(s.id);
  if (!r) {
    r = explore(s);
    if (!r.complete) throw new NakError('bound-exceeded', `${s.id}: exploration incomplete: ${r.incomplete}`);
    reports.set(s.id, r);
  }
  return r;
}

export function scenarioFor(id: string | undefined): Scenario {
  if (!id) throw new NakError('bad-cell', 'missing scenario="…"');
  return scenarioById(id);
}

/** The command a reader runs to see the same thing in a terminal. */
export function runCommand(s: Scenario, c: RunChoice): string {
  if (c.pinned) return `npm run nak -- run ${s.id} --pinned ${c.pinned}`;
  if (c.seed) return `npm run nak -- run ${s.id} --seed ${c.seed}`;
  return `npm run nak -- run ${s.id} --schedule "${c.schedule}"`;
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

export function traceOutput(s: Scenario, c: RunChoice): string {
  return formatTrace(runFor(s, c)).trimEnd();
}

export function exploreOutput(s: Scenario): string {
  return reportText(s, exploreCached(s)).trimEnd();
}

const EXPLORE_VALUES = ['states', 'transitions', 'schedules', 'finalStates', 'depth'] as const;
const PROPERTY_VALUES = ['verdict', 'expected', 'schedulesSeen', 'witnessSteps', 'witness', 'evidence'] as const;
const RUN_VALUES = ['steps', 'schedule', 'end'] as const;
const RUN_PROPERTY_VALUES = ['step', 'evidence'] as const;

/** Every value name a claim may ask for, for error messages. */
export function claimValueNames(run: boolean): string[] {
  const props = (vals: readonly string[]) => PROPERTY_NAMES.flatMap((p) => vals.map((v) => `${p}.${v}`));
  return run ? [...RUN_VALUES, ...props(RUN_PROPERTY_VALUES)] : [...EXPLORE_VALUES, ...props(PROPERTY_VALUES)];
}

/**
 * The value a claim states. Without a schedule, about the exhaustive
 * exploration ("states", "oops.verdict", "oops.schedulesSeen"); with one,
 * about that run ("steps", "oops.step", "end").
 */
export function claimValue(s: Scenario, value: string | undefined, c: RunChoice): string {
  if (!value) throw new NakError('bad-cell', 'missing value="…"');
  const isRun = c.pinned !== undefined || c.schedule !== undefined || c.seed !== undefined;
  const known = claimValueNames(isRun);
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
  const r = exploreCached(s);
  if (!field) return String(r[head as (typeof EXPLORE_VALUES)[number]]);
  const p = r.properties[head]!;
  return String(p[field as (typeof PROPERTY_VALUES)[number]] ?? 'none');
}
