import { describe, expect, it } from 'vitest';
import { kthreadsScenario } from '../../bench/kthreads.ts';
import { explore, type ExploreReport } from '../../src/explore/explore.ts';
import { replay } from '../../src/explore/run.ts';
import { canonicalWorld, findSymmetry } from '../../src/explore/symmetry.ts';
import { StateKeys } from '../../src/explore/state-key.ts';
import { keyText } from '../helpers.ts';
import { startWorld } from '../../src/explore/run.ts';
import { catalogue } from '../../src/scenario/catalogue.ts';
import type { Scenario } from '../../src/scenario/define.ts';
import { defineScenario, fput, reboot, umount } from '../../src/scenario/define.ts';
import { NakError } from '../../src/errors.ts';
import { Locations, StepWatch } from '../../src/explore/footprint.ts';
import { sleepSets } from '../../src/explore/sleep-sets.ts';
import { reportText } from '../../src/explore/report.ts';
import { parseSchedule } from '../../src/explore/schedule.ts';
import { step } from '../../src/model/step.ts';
import type { Task } from '../../src/model/world.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { randomScenario } from '../random-scenario.ts';

const ids = (r: ExploreReport) =>
  Object.fromEntries(Object.entries(r.properties).map(([p, v]) => [p, { verdict: v.verdict, schedulesSeen: v.schedulesSeen, witnessSteps: v.witnessSteps }]));

/** Two kernel threads that are not twins: they drop files on different mounts. */
const notTwins = defineScenario({
  id: 'not-twins',
  title: 'two kernel threads on different mounts',
  summary: 'Two kernel threads drop files on two detached mounts of one filesystem while init unmounts and reboots.',
  kernel: 'v4.13+umount-wait-v2',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }, { id: 'mnt2', sb: 'sb1', ns: null }, { id: 'mnt3', sb: 'sb1', ns: null }],
    files: [{ id: 'file1', mnt: 'mnt2' }, { id: 'file2', mnt: 'mnt3' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'UMOUNT_WAIT'), reboot()] },
    { name: 'kthread1', kind: 'kthread', program: [fput('file1')] },
    { name: 'kthread2', kind: 'kthread', program: [fput('file2')] },
  ],
  expect: { oops: 'sometimes', 'umount-returned-while-alive': 'sometimes', 'device-shutdown-under-live-fs': 'sometimes', 'umount-ran-foreign-fput': 'never', deadlock: 'never' },
});

/** The default bounds but time, for the larger searches: a slow or loaded machine must not cut them short. */
const UNTIMED = { maxSeconds: 600 };
const scenarios: Scenario[] = [...catalogue().values(), kthreadsScenario(1), kthreadsScenario(2), kthreadsScenario(3), notTwins];

/** Scenarios drawn at random (seeded), the valid ones: some of them make partial-order reduction explore a state again for a task that woke. */
const randomValid: Scenario[] = [];
for (let seed = 1; seed <= 200; seed++) {
  const s = randomScenario(seed);
  try {
    randomValid.push(validateScenario(s, s.id));
  } catch (e) {
    if (!(e instanceof NakError && e.kind === 'bad-scenario')) throw e;
  }
}

describe('symmetry reduction keeps every verdict', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s: the same verdicts, counts and witness lengths with and without it', (_id, s) => {
    const reduced = explore(s);
    const plain = explore(s, {}, undefined, { symmetry: false });
    expect(plain.reductions.symmetry).toBeNull();
    expect(reduced.complete && plain.complete).toBe(true);
    expect(ids(reduced)).toEqual(ids(plain));
    expect(reduced.schedules).toBe(plain.schedules);
    expect(reduced.states).toBeLessThanOrEqual(plain.states);
    if (!reduced.reductions.symmetry) expect(reduced.states).toBe(plain.states);
    for (const [p, v] of Object.entries(reduced.properties)) {
      if (v.witness !== null) expect(replay(s, v.witness).firstSeen[p], `${p} witness replays`).toBeDefined();
      if (v.avoidedBy !== null) expect(replay(s, v.avoidedBy).firstSeen[p], `${p} avoided`).toBeUndefined();
    }
  });

  it('keeps them on 200 seeded random scenarios too', () => {
    let compared = 0;
    for (const s of randomValid) {
      const plain = explore(s, { maxStates: 20_000 }, undefined, { symmetry: false });
      if (!plain.complete) continue;
      const reduced = explore(s, { maxStates: 20_000 });
      expect(ids(reduced), s.id).toEqual(ids(plain));
      expect(reduced.schedules, s.id).toBe(plain.schedules);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('finds the twins, and stores fewer states because of them', () => {
    const r3 = explore(kthreadsScenario(3), UNTIMED);
    expect(r3.reductions.symmetry).toEqual({ groups: [['kthread1', 'kthread2', 'kthread3']] });
    expect(r3.states).toBeLessThan(explore(kthreadsScenario(3), UNTIMED, undefined, { symmetry: false }).states / 2);
    expect(explore(catalogue().get('deferred-batch')!).reductions.symmetry).toEqual({ groups: [['kthread', 'kthread2']] });
  });

  it('gives two twin states one key, even where a worker still names the file it released', () => {
    const s = kthreadsScenario(2);
    const start = startWorld(s).world;
    const groups = findSymmetry(start);
    const programs = start.tasks.map((t) => t.program.slice());
    const keys = new StateKeys(start);
    const a = replay(s, 'kthread1 timer:fput kworker:fput*3').world;
    const b = replay(s, 'kthread2 timer:fput kworker:fput*3').world;
    expect(a.tasks.find((t) => t.name === 'kworker:fput')!.stack[0]).toMatchObject({ fn: 'mntput_no_expire', from: '__fput(file1)' });
    expect(keyText(keys, a)).not.toBe(keyText(keys, b));
    expect(keyText(keys, canonicalWorld(a, groups, programs))).toBe(keyText(keys, canonicalWorld(b, groups, programs)));
  });

  it('puts twins in order without changing the tasks it need not change, and gives the same order with what it kept of each task', () => {
    const s = kthreadsScenario(2);
    const start = startWorld(s).world;
    const groups = findSymmetry(start);
    const programs = start.tasks.map((t) => t.program.slice());
    const b = replay(s, 'kthread2 timer:fput kworker:fput*3').world;
    const held = new WeakMap<Task, string>();
    const c = canonicalWorld(b, groups, programs, held);
    expect(c).not.toBe(b);
    // The twins moved (and so are new tasks), the worker names a renamed file in its stack; init and the timer are left as they are.
    const changed = b.tasks.filter((t, i) => c.tasks[i] !== t).map((t) => t.name);
    expect(changed).toEqual(['kthread1', 'kthread2', 'kworker:fput']);
    // What each task holds was kept, and the order it gives again is the same.
    for (const i of groups[0]!.tasks) expect(held.has(b.tasks[i]!)).toBe(true);
    expect(canonicalWorld(b, groups, programs, held)).toEqual(c);
  });

  it('does not take for twins threads whose files differ, a thread that shares a file, or any thread in a situation', () => {
    expect(findSymmetry(startWorld(notTwins).world)).toEqual([]);
    const shared = kthreadsScenario(2);
    const world = startWorld(shared).world;
    world.tasks[2]!.program = [{ fn: 'fput', file: 'file1' }];
    expect(findSymmetry(world)).toEqual([]);
    const only = catalogue().get('umount-wait-only-case')!;
    expect(explore(only, {}, 'on-list-at-drain').reductions.symmetry).toBeNull();
  });

  it('counts schedules exactly past 2^53, as a decimal string', () => {
    // What is tested is the count, not the time bound: a loaded machine must not cut the search short.
    const r = explore(kthreadsScenario(4), UNTIMED);
    expect(typeof r.schedules).toBe('string');
    expect(r.schedules).toMatch(/^\d{19,}$/);
    // The reduced graph's count is the unreduced graph's, digit for digit.
    expect(r.schedules).toBe(explore(kthreadsScenario(4), UNTIMED, undefined, { symmetry: false }).schedules);
    const oops = BigInt(r.properties.oops!.schedulesSeen);
    expect(oops).toBeGreaterThan(0n);
    expect(oops).toBeLessThan(BigInt(r.schedules));
  });
});

/** How many steps a schedule has ("init*6 kworker:fput" is 7). */
const stepsIn = (s: Scenario, schedule: string) => parseSchedule(schedule, startWorld(s).world.tasks.map((t) => t.name)).length;

describe('partial-order reduction keeps every verdict', () => {
  const compare = (s: Scenario) => {
    const plain = explore(s, { maxStates: 20_000 }, undefined, { symmetry: false });
    if (!plain.complete) return null;
    const reduced = explore(s, { maxStates: 20_000 }, undefined, { partialOrder: sleepSets });
    expect(reduced.complete).toBe(true);
    expect(reduced.reductions).toEqual({ symmetry: null, partialOrder: { method: 'sleep sets', counts: 'reduced graph' } });
    // Every state is still stored: the same states, final states and depth.
    expect([reduced.states, reduced.finalStates, reduced.depth]).toEqual([plain.states, plain.finalStates, plain.depth]);
    expect(reduced.transitions).toBeLessThanOrEqual(plain.transitions);
    for (const [p, v] of Object.entries(plain.properties)) {
      const w = reduced.properties[p]!;
      expect(w.verdict, `${s.id} ${p}`).toBe(v.verdict);
      expect(w.witnessSteps, `${s.id} ${p}: a witness as short as the unreduced search's`).toBe(v.witnessSteps);
      if (w.witness !== null) expect(replay(s, w.witness).firstSeen[p], `${s.id} ${p} witness replays`).toBeDefined();
      expect(w.avoidedBy === null).toBe(v.avoidedBy === null);
      if (w.avoidedBy !== null) {
        expect(replay(s, w.avoidedBy).firstSeen[p], `${s.id} ${p} avoided`).toBeUndefined();
        expect(stepsIn(s, w.avoidedBy)).toBe(stepsIn(s, v.avoidedBy!));
      }
    }
    return { plain, reduced };
  };

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: the same states, verdicts and witness lengths with and without it', (_id, s) => {
    expect(compare(s)).not.toBeNull();
  });

  it('keeps them on 200 seeded random scenarios too, and explores fewer transitions overall', () => {
    let plain = 0;
    let reduced = 0;
    for (const s of randomValid) {
      const r = compare(s);
      if (!r) continue;
      plain += r.plain.transitions;
      reduced += r.reduced.transitions;
    }
    expect(plain).toBeGreaterThan(10_000);
    expect(reduced).toBeLessThan(plain * 0.7);
  });

  it('explores fewer transitions where steps commute, and labels its schedule counts as the reduced graph\'s', () => {
    const s = catalogue().get('just-past')!;
    const plain = explore(s, {}, undefined, { symmetry: false });
    const reduced = explore(s, {}, undefined, { partialOrder: sleepSets });
    expect(reduced.transitions).toBeLessThan(plain.transitions * 0.7);
    expect(BigInt(reduced.schedules)).toBeLessThan(BigInt(plain.schedules));
    expect(reportText(s, reduced)).toContain('partial-order reduction (sleep sets, --por)');
    expect(reportText(s, plain)).not.toContain('partial-order');
  });

  it('says, when a search stops early, only what holds of the steps it took', () => {
    const s = kthreadsScenario(4);
    const r = explore(s, { maxStates: 500 }, undefined, { partialOrder: sleepSets });
    expect(r.complete).toBe(false);
    const text = reportText(s, r);
    expect(text).toContain('partial-order reduction (sleep sets, --por) was on');
    expect(text).not.toContain('exact');
  });

  it('refuses an option it does not know, rather than exploring without it', () => {
    const s = catalogue().get('just-past')!;
    expect(() => explore(s, {}, undefined, { por: true } as never)).toThrow("explore: no option 'por' (it takes symmetry, partialOrder, progress)");
  });

  it('is not used with a situation', () => {
    const only = catalogue().get('umount-wait-only-case')!;
    expect(explore(only, {}, 'on-list-at-drain', { partialOrder: sleepSets }).reductions.partialOrder).toBeNull();
  });
});

describe('a step\'s footprint', () => {
  const footprint = (s: Scenario, schedule: string, task: string) => {
    const w = replay(s, schedule).world;
    const locs = new Locations(w);
    const watch = new StepWatch(locs);
    const r = step(w, task, (x) => watch.view(x));
    watch.finish(w, r.world);
    return { fp: watch.fp, named: watch.fp.describe(locs) };
  };

  it('names what a kernel thread\'s last fput() reads and writes, and only that', () => {
    const s = kthreadsScenario(2);
    const { named } = footprint(s, '', 'kthread1');
    expect(named.writes).toEqual(['files:file1', 'works:delayed_fput_work', 'delayed_fput_list']);
    expect(named.reads).toEqual(expect.arrayContaining(['files:file1', 'works:delayed_fput_work', 'delayed_fput_list', 'halted']));
    expect(named.reads).not.toContain('files:file2');
  });

  it('tells steps that commute from steps that do not', () => {
    const s = kthreadsScenario(2);
    // Two kernel threads' fput() onto one llist: the list's order differs, so they do not commute.
    expect(footprint(s, '', 'kthread1').fp.independentOf(footprint(s, '', 'kthread2').fp)).toBe(false);
    // init's umount(2) looks up mnt1; a kernel thread's fput() touches its file and the fput llist: they commute.
    expect(footprint(s, '', 'init').fp.independentOf(footprint(s, '', 'kthread1').fp)).toBe(true);
    // A step that stops the machine writes `halted`, which every task's next step reads.
    const one = kthreadsScenario(1);
    let k = 1;
    while (replay(one, `init*${k}`).world.tasks.find((t) => t.name === 'init')!.stack[0]?.fn !== 'machine_restart') k++;
    const restart = footprint(one, `init*${k}`, 'init');
    expect(restart.named.writes).toContain('halted');
    expect(restart.fp.independentOf(footprint(one, `init*${k}`, 'kthread1').fp)).toBe(false);
  });
});
