/** Small fixtures for the model's unit tests: a world from a scenario, and a context to call one function in. */
import type { Signal, StepContext } from '../src/model/context.ts';
import type { Op } from '../src/model/ops.ts';
import type { World } from '../src/model/world.ts';
import type { StateKeys } from '../src/explore/state-key.ts';
import { buildWorld } from '../src/scenario/build.ts';
import { defineScenario, type Scenario, type ScenarioTask } from '../src/scenario/define.ts';

const NEVER = {
  oops: 'never',
  'umount-returned-while-alive': 'never',
  'device-shutdown-under-live-fs': 'never',
  'umount-ran-foreign-fput': 'never',
  deadlock: 'never',
} as const;

/** One filesystem (sb1 on sda) mounted as mnt1 in ns1, with open files on it, and the given tasks. */
export function oneFs(tasks: ScenarioTask[], files: string[] = ['file1'], kernel: Scenario['kernel'] = 'v4.13'): Scenario {
  return defineScenario({
    id: 'fixture',
    title: 'fixture',
    summary: 'fixture',
    kernel,
    setup: {
      filesystems: [{ bdev: 'sda', sb: 'sb1' }],
      namespaces: ['ns1'],
      mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
      files: files.map((id) => ({ id, mnt: 'mnt1' })),
    },
    tasks,
    expect: NEVER,
  });
}

export interface Probe {
  ctx: StepContext;
  world: World;
  notes: string[];
  signals: Signal[];
  calls: Op[];
}

/** A context for calling one model function as task `name` would, recording what it does. */
export function probe(world: World, name: string): Probe {
  const task = world.tasks.find((t) => t.name === name)!;
  const notes: string[] = [];
  const signals: Signal[] = [];
  const calls: Op[] = [];
  const ctx: StepContext = {
    world,
    task,
    note: (c) => void notes.push(c),
    signal: (s) => void signals.push(s),
    call: (...ops) => void calls.push(...ops),
  };
  return { ctx, world, notes, signals, calls };
}

export function worldOf(s: Scenario): World {
  return buildWorld(s);
}

/** A state's compact key as a string (one character per number), so that two keys compare with toBe. */
export function keyText(keys: StateKeys, w: World): string {
  return String.fromCharCode(...keys.codes(w));
}
