import { describe, expect, it } from 'vitest';
import { kthreadsScenario } from '../../bench/kthreads.ts';
import { explore, type ExploreReport } from '../../src/explore/explore.ts';
import { replay } from '../../src/explore/run.ts';
import { canonicalWorld, findSymmetry } from '../../src/explore/symmetry.ts';
import { StateKeys } from '../../src/explore/state-key.ts';
import { startWorld } from '../../src/explore/run.ts';
import { catalogue } from '../../src/scenario/catalogue.ts';
import type { Scenario } from '../../src/scenario/define.ts';
import { defineScenario, fput, reboot, umount } from '../../src/scenario/define.ts';

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

const scenarios: Scenario[] = [...catalogue().values(), kthreadsScenario(1), kthreadsScenario(2), kthreadsScenario(3), notTwins];

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

  it('finds the twins, and stores fewer states because of them', () => {
    const r3 = explore(kthreadsScenario(3));
    expect(r3.reductions.symmetry).toEqual({ groups: [['kthread1', 'kthread2', 'kthread3']] });
    expect(r3.states).toBeLessThan(explore(kthreadsScenario(3), {}, undefined, { symmetry: false }).states / 2);
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
    expect(keys.key(a)).not.toBe(keys.key(b));
    expect(keys.key(canonicalWorld(a, groups, programs))).toBe(keys.key(canonicalWorld(b, groups, programs)));
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
    const r = explore(kthreadsScenario(4));
    expect(typeof r.schedules).toBe('string');
    expect(r.schedules).toMatch(/^\d{19,}$/);
    // The reduced graph's count is the unreduced graph's, digit for digit.
    expect(r.schedules).toBe(explore(kthreadsScenario(4), {}, undefined, { symmetry: false }).schedules);
    const oops = BigInt(r.properties.oops!.schedulesSeen);
    expect(oops).toBeGreaterThan(0n);
    expect(oops).toBeLessThan(BigInt(r.schedules));
  });
});
