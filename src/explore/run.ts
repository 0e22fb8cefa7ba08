/**
 * One interleaving, start to end: replay of a schedule, or a seeded random
 * choice at each step. Both give a Run that the trace formatter prints.
 */
import { NakError } from '../errors.ts';
import { enabled, type StepEvent } from '../model/step.ts';
import { checkedStep } from './checked-step.ts';
import type { World } from '../model/world.ts';
import { observeEnd, observeStep, type Observation } from '../properties/index.ts';
import { buildWorld } from '../scenario/build.ts';
import type { Scenario } from '../scenario/define.ts';
import { mulberry32 } from './prng.ts';
import { formatSchedule, MAX_SCHEDULE_STEPS, parseSchedule } from './schedule.ts';

export interface RunStep {
  /** 1-based; prelude steps are numbered p1, p2... in the trace and carry prelude: true. */
  readonly index: number;
  readonly prelude: boolean;
  readonly event: StepEvent;
  readonly observed: readonly Observation[];
}

export interface Run {
  readonly scenario: Scenario;
  readonly schedule: string;
  readonly steps: readonly RunStep[];
  readonly world: World;
  /** Tasks that could still run when the run stopped (empty: the run is complete). */
  readonly runnable: readonly string[];
  /** The first step at which each property was seen (0 for an end-of-run property). */
  readonly firstSeen: Readonly<Record<string, { step: number; evidence: string }>>;
}

export const DEFAULT_MAX_STEPS = MAX_SCHEDULE_STEPS;

/**
 * Take the steps `names` from `world`, recording them; a step whose task cannot run is an error.
 * `before` holds the steps already taken (after the prelude), for a model error's replay schedule.
 */
function applyAll(s: Scenario, world: World, names: readonly string[], where: string, prelude: boolean, steps: RunStep[], first = 1, before: readonly string[] = []): World {
  names.forEach((name, i) => {
    const index = first + i;
    const can = enabled(world);
    if (!can.includes(name)) {
      const why = world.halted ? `the machine has ${world.halted === 'oops' ? 'oopsed' : 'restarted'}` : `runnable: ${can.join(', ') || 'none'}`;
      throw new NakError('bad-schedule', `${where}: step ${index}: '${name}' cannot run now (${why})`);
    }
    const r = checkedStep(world, name, { scenario: s.id, prelude, path: () => [...before, ...names.slice(0, i + 1)] });
    steps.push({ index, prelude, event: r.event, observed: observeStep(r.world, r.event) });
    world = r.world;
  });
  return world;
}

/** The state the scenario starts from: its setup, then its prelude. */
export function startWorld(s: Scenario): { world: World; steps: RunStep[] } {
  const steps: RunStep[] = [];
  let world = buildWorld(s);
  if (s.prelude) {
    const where = `${s.id}: prelude`;
    world = applyAll(s, world, parseSchedule(s.prelude, world.tasks.map((t) => t.name), where), where, true, steps);
  }
  return { world, steps };
}

function finish(s: Scenario, names: string[], world: World, steps: RunStep[]): Run {
  const runnable = enabled(world);
  const ownSteps = steps.filter((x) => !x.prelude);
  if (runnable.length === 0) {
    const end = observeEnd(world);
    if (end.length && ownSteps.length) {
      const last = ownSteps[ownSteps.length - 1]!;
      (last.observed as Observation[]).push(...end);
    }
  }
  const firstSeen: Record<string, { step: number; evidence: string }> = {};
  // A property seen in the prelude counts as seen before the first step (step 0).
  for (const st of steps) {
    for (const o of st.observed) firstSeen[o.property] ??= { step: st.prelude ? 0 : st.index, evidence: st.prelude ? `in the prelude: ${o.evidence}` : o.evidence };
  }
  return { scenario: s, schedule: formatSchedule(names), steps, world, runnable, firstSeen };
}

/**
 * Replay `schedule`, then, if `choose` is given, let it pick one of the
 * runnable tasks at each further step until none can run.
 */
function run(s: Scenario, schedule: string, where: string, choose?: (runnable: string[]) => string, maxSteps = DEFAULT_MAX_STEPS): Run {
  const start = startWorld(s);
  const steps = [...start.steps];
  const names = parseSchedule(schedule, start.world.tasks.map((t) => t.name), where);
  let world = applyAll(s, start.world, names, where, false, steps);
  for (let can = enabled(world); choose && can.length; can = enabled(world)) {
    if (names.length >= maxSteps) throw new NakError('bound-exceeded', `${where}: no end after ${maxSteps} steps`);
    const name = choose(can);
    world = applyAll(s, world, [name], where, false, steps, names.length + 1, names);
    names.push(name);
  }
  return finish(s, names, world, steps);
}

/** Replay `schedule` exactly; a step whose task cannot run is an error that names it. */
export function replay(s: Scenario, schedule: string, where = `${s.id}: schedule`): Run {
  return run(s, schedule, where);
}

/** From `schedule` on, let the first runnable task (in declaration order) take every step. */
export function runFirstRunnable(s: Scenario, schedule = '', where = `${s.id}: schedule`): Run {
  return run(s, schedule, where, (can) => can[0]!);
}

/** A seeded random interleaving: at each step, pick uniformly among the runnable tasks. */
export function randomRun(s: Scenario, seed: number, maxSteps = DEFAULT_MAX_STEPS): Run {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new NakError('bad-usage', `--seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  const rand = mulberry32(seed);
  return run(s, '', `${s.id}: seed ${seed}`, (can) => can[Math.floor(rand() * can.length)]!, maxSteps);
}
