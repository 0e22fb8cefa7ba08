import { describe, expect, it } from 'vitest';
import { startWorld } from '../../src/explore/run.ts';
import { KEYED_WORLD_FIELDS, StateKeys } from '../../src/explore/state-key.ts';
import { keyText } from '../helpers.ts';
import { SequenceTable } from '../../src/explore/sequence-table.ts';
import { enabled, step } from '../../src/model/step.ts';
import type { World } from '../../src/model/world.ts';
import { observeStep } from '../../src/properties/index.ts';
import { catalogue } from '../../src/scenario/catalogue.ts';
import type { Scenario } from '../../src/scenario/define.ts';

/** JSON with every object's keys sorted: equal exactly when the states are equal. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** Every reachable state of `s` (up to `max`), each once by its canonical JSON, with every step taken from a frozen copy of its input. */
function reachable(s: Scenario, max = 20_000): World[] {
  const start = startWorld(s).world;
  const seen = new Map<string, World>([[canonical(start), start]]);
  const todo = [start];
  while (todo.length && seen.size < max) {
    const w = todo.pop()!;
    const frozen = deepFreeze(structuredClone(w));
    for (const name of enabled(frozen)) {
      const r = step(frozen, name);
      observeStep(r.world, r.event);
      const key = canonical(r.world);
      if (!seen.has(key)) {
        seen.set(key, r.world);
        todo.push(r.world);
      }
    }
  }
  return [...seen.values()];
}

const scenarios = [...catalogue().values()];

describe('the compact state key', () => {
  it('encodes every field of a World', () => {
    const w = startWorld(scenarios[0]!).world;
    expect([...Object.keys(w)].sort()).toEqual([...KEYED_WORLD_FIELDS].sort());
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: two states have the same compact key exactly when they are equal', (_id, s) => {
    const worlds = reachable(s);
    const keys = new StateKeys(startWorld(s).world);
    const byKey = new Map<string, string>();
    for (const w of worlds) {
      const k = keyText(keys, w);
      const json = canonical(w);
      const other = byKey.get(k);
      if (other !== undefined) expect(other, `${s.id}: two different states share a compact key`).toBe(json);
      byKey.set(k, json);
    }
    // Every distinct state got its own key, and keys are much shorter than JSON.
    expect(byKey.size).toBe(worlds.length);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(worlds.map((w) => keyText(keys, w).length))).toBeLessThan(mean(worlds.map((w) => JSON.stringify(w).length)) / 5);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: a key reads back as the very state it was made from, stored after a prefix as the explorer stores it', (_id, s) => {
    const keys = new StateKeys(startWorld(s).world);
    const table = new SequenceTable();
    for (const w of reachable(s)) {
      const k = keys.codes(w, 1);
      const found = table.find(k, k.length);
      const id = found >= 0 ? found : table.add(k, k.length, found);
      expect(canonical(keys.decode(table.all(), table.start(id) + 1))).toBe(canonical(w));
    }
  });

  it('keeps a part with more values than one 16-bit number can count: its code takes three numbers, and reads back', () => {
    const start = startWorld(scenarios[0]!).world;
    const keys = new StateKeys(start);
    const table = new SequenceTable();
    const lengths = new Set<number>();
    const short = keyText(keys, start).length;
    // 70,000 distinct lists of milestones (two of 300 names): 70,000 values at one place.
    for (let i = 0; i < 70_000; i++) {
      const milestones = [`m${i % 300}`, `m${Math.floor(i / 300)}`];
      const k = keys.codes({ ...start, milestones });
      lengths.add(k.length);
      const found = table.find(k, k.length);
      expect(found, `list ${i} has the key of another`).toBeLessThan(0);
      const id = table.add(k, k.length, found);
      if (i % 997 === 0 || i > 65_530) expect(keys.decode(table.all(), table.start(id)).milestones).toEqual(milestones);
    }
    expect([...lengths].sort((a, b) => a - b)).toEqual([short, short + 2]);
  });

  it('refuses a list longer than a key can count, rather than cut its length and merge two states', () => {
    const start = startWorld(scenarios[0]!).world;
    const keys = new StateKeys(start);
    const milestones = Array.from({ length: 65_536 }, () => 'm');
    expect(() => keys.codes({ ...start, milestones })).toThrow(/a number in a state's key is 65536/);
  });

  it('tells apart a program that was replaced from one that was consumed, and a new op from an old one', () => {
    const s = scenarios.find((x) => x.id === 'just-past')!;
    const start = startWorld(s).world;
    const keys = new StateKeys(start);
    const a = structuredClone(start);
    const b = structuredClone(start);
    // Same length, different op: not the start program's suffix.
    b.tasks[0]!.program = [{ fn: 'sys_exit' }, ...b.tasks[0]!.program.slice(1)];
    expect(keyText(keys, a)).not.toBe(keyText(keys, b));
    const c = structuredClone(start);
    c.tasks[0]!.stack = [{ fn: 'fput', file: 'file1' }];
    const d = structuredClone(start);
    d.tasks[0]!.stack = [{ fn: 'fput', file: 'file1' }];
    expect(keyText(keys, c)).toBe(keyText(keys, d));
    const e = structuredClone(start);
    e.tasks[0]!.stack = [{ fn: '__fput', file: 'file1' }];
    expect(keyText(keys, c)).not.toBe(keyText(keys, e));
  });
});

describe('a step', () => {
  it('copies only the parts of the state it touches, and shares the rest with its input', () => {
    const s = scenarios.find((x) => x.id === 'deferred-batch')!;
    const start = startWorld(s).world;
    // A kernel thread's fput() of a file: the files, the llist and the delayed work change; the mounts and superblocks are not touched.
    const kthread = start.tasks.find((t) => t.kind === 'kthread' && t.program[0]?.fn === 'fput')!;
    const r = step(start, kthread.name);
    expect(r.world.files).not.toBe(start.files);
    expect(r.world.mounts).toBe(start.mounts);
    expect(r.world.supers).toBe(start.supers);
    expect(r.world.bdevs).toBe(start.bdevs);
    // Only the stepping task is copied.
    for (const [i, t] of r.world.tasks.entries()) expect(t === start.tasks[i], t.name).toBe(t.name !== kthread.name);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: never changes the state it starts from (its input is frozen at every reachable state)', (_id, s) => {
    // reachable() steps from deep-frozen states, and runs the monitors on the results (which share the parts a step did not touch);
    // a write to any shared object throws in strict mode.
    expect(reachable(s).length).toBeGreaterThan(1);
  });
});
