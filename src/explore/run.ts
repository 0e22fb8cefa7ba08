/**
 * One interleaving, start to end: replay of a schedule, or a seeded random
 * choice at each step. Both give a Run that the trace formatter prints.
 */
import { NakError } from '../errors.ts';
import { enabled, step, type StepEvent } from '../model/step.ts';
import type { World } from '../model/world.ts';
import { observeEnd, observeStep, type Observation } from '../properties/index.ts';
import { buildWorld } from '../scenario/build.ts';
import type { Scenario } from '../scenario/define.ts';
import { mulberry32 } from './prng.ts';
import { formatSchedule, parseSchedule } from './schedule.ts';

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

export const DEFAULT_MAX_STEPS = 1000;

export function taskNames(s: Scenario): string[] {
  return buildWorld(s).tasks.map((t) => t.name);
}

function apply(world: World, name: string, where: string, index: number): { world: World; event: StepEvent; observed: Observation[] } {
  const can = enabled(world);
  if (!can.includes(name)) {
    const why = world.halted ? `the machine has ${world.halted === 'oops' ? 'oopsed' : 'restarted'}` : `runnable: ${can.join(', ') || 'none'}`;
    throw new NakError('bad-schedule', `${where}: step ${index}: '${name}' cannot run now (${why})`);
  }
  const r = step(world, name);
  const observed = observeStep(r.world, r.event);
  return { world: r.world, event: r.event, observed };
}

/** The state the scenario starts from: its setup, then its prelude. */
export function startWorld(s: Scenario): { world: World; steps: RunStep[] } {
  let world = buildWorld(s);
  const steps: RunStep[] = [];
  if (s.prelude) {
    const names = parseSchedule(s.prelude, world.tasks.map((t) => t.name), `${s.id}: prelude`);
    names.forEach((name, i) => {
      const r = apply(world, name, `${s.id}: prelude`, i + 1);
      world = r.world;
      steps.push({ index: i + 1, prelude: true, event: r.event, observed: r.observed });
    });
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

/** Replay `schedule` exactly; a step whose task cannot run is an error that names it. */
export function replay(s: Scenario, schedule: string, where = `${s.id}: schedule`): Run {
  const start = startWorld(s);
  let world = start.world;
  const steps = [...start.steps];
  const names = parseSchedule(schedule, world.tasks.map((t) => t.name), where);
  names.forEach((name, i) => {
    const r = apply(world, name, where, i + 1);
    world = r.world;
    steps.push({ index: i + 1, prelude: false, event: r.event, observed: r.observed });
  });
  return finish(s, names, world, steps);
}

/** A seeded random interleaving: at each step, pick uniformly among the runnable tasks. */
export function randomRun(s: Scenario, seed: number, maxSteps = DEFAULT_MAX_STEPS): Run {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new NakError('bad-usage', `--seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  const rand = mulberry32(seed);
  const start = startWorld(s);
  let world = start.world;
  const steps = [...start.steps];
  const names: string[] = [];
  for (let i = 1; ; i++) {
    const can = enabled(world);
    if (can.length === 0) break;
    if (i > maxSteps) throw new NakError('bound-exceeded', `${s.id}: seed ${seed}: no end after ${maxSteps} steps`);
    const name = can[Math.floor(rand() * can.length)]!;
    const r = apply(world, name, `${s.id}: seed ${seed}`, i);
    world = r.world;
    names.push(name);
    steps.push({ index: i, prelude: false, event: r.event, observed: r.observed });
  }
  return finish(s, names, world, steps);
}
