import { describe, expect, it } from 'vitest';
import { NakError } from '../../src/errors.ts';
import { explore } from '../../src/explore/explore.ts';
import { replay } from '../../src/explore/run.ts';
import { formatSchedule, parseSchedule } from '../../src/explore/schedule.ts';
import { enabled, step } from '../../src/model/step.ts';
import { observeStep } from '../../src/properties/index.ts';
import { defineScenario, fput, reboot, umount } from '../../src/scenario/define.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { oneFs, worldOf } from '../helpers.ts';

const lazy = oneFs([
  { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH'), reboot()] },
  { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
]);

describe('schedules', () => {
  it('tutorial: a schedule folds runs of one task into name*count and parses back', () => {
    const steps = ['init', 'init', 'init', 'kthread', 'timer:fput', 'init'];
    expect(formatSchedule(steps)).toBe('init*3 kthread timer:fput init');
    expect(parseSchedule('init*3 kthread timer:fput init', ['init', 'kthread', 'timer:fput'])).toEqual(steps);
  });
});

describe('explore', () => {
  it('tutorial: counts states and schedules, and gives each property a verdict and a shortest witness', () => {
    const r = explore(lazy);
    expect(r.complete).toBe(true);
    expect(r.properties.oops!.verdict).toBe('sometimes');
    expect(r.properties.oops!.witnessSteps).toBe(20);
    expect(r.properties['umount-ran-foreign-fput']).toMatchObject({ verdict: 'never', witness: null, schedulesSeen: 0 });
  });

  it('visits every reachable state once: the count matches a plain depth-first enumeration', () => {
    const seen = new Set<string>();
    const walk = (w: ReturnType<typeof worldOf>) => {
      const key = JSON.stringify(w);
      if (seen.has(key)) return;
      seen.add(key);
      for (const t of enabled(w)) {
        const r = step(w, t);
        observeStep(r.world, r.event); // what a run has seen is part of its state
        walk(r.world);
      }
    };
    walk(worldOf(lazy));
    expect(explore(lazy).states).toBe(seen.size);
  });

  it('says "always" only when every complete schedule sees the property', () => {
    const r = explore(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH'), reboot()] }]));
    // Nothing ever drops the file: umount(2) returns with the superblock alive in every run.
    expect(r.properties['umount-returned-while-alive']).toMatchObject({ verdict: 'always', schedulesSeen: r.schedules });
    expect(r.properties['umount-returned-while-alive']!.avoidedBy).toBeNull();
  });

  it('a property the prelude already showed holds in every run ("always"), with an empty witness', () => {
    const s = defineScenario({ ...lazy, prelude: 'init*5' });
    const r = explore(s);
    expect(r.properties['umount-returned-while-alive']).toMatchObject({ verdict: 'always', witness: '', witnessSteps: 0 });
    expect(r.properties['umount-returned-while-alive']!.evidence).toMatch(/^in the prelude: umount\(2\) returned 0/);
    expect(replay(s, '').firstSeen['umount-returned-while-alive']?.step).toBe(0);
  });

  it('stops at a bound and gives no verdict', () => {
    const r = explore(lazy, { maxStates: 50, maxDepth: 500 });
    expect(r).toMatchObject({ complete: false, properties: {}, matches: false });
    expect(r.incomplete).toBe('more than 50 states (max states 50)');
    expect(explore(lazy, { maxStates: 10_000, maxDepth: 3 }).incomplete).toBe('a state 3 steps deep can still move (max depth 3)');
  });

  it('is deterministic: the same scenario gives the same report, but for the time taken', () => {
    const strip = (r: ReturnType<typeof explore>) => ({ ...r, elapsedMs: 0 });
    expect(strip(explore(lazy))).toEqual(strip(explore(lazy)));
  });
});

describe('umount(2) of a mount the caller cannot reach', () => {
  it('fails with -EINVAL and takes no reference on it', () => {
    let w = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), umount('mnt1')] }], []));
    while (enabled(w).length) w = step(w, 'init').world;
    expect(w.supers.sb1!.state).toBe('dead');
    expect(w.mounts.mnt1!.mnt_count).toBe(0);
  });
});

describe('scenario validation', () => {
  const bad = (patch: object) => {
    try {
      validateScenario({ ...lazy, ...patch }, 'x.ts');
    } catch (e) {
      if (e instanceof NakError) return e.message;
    }
    return 'no error';
  };

  it('rejects what the model does not model, and a detached mount nothing holds', () => {
    expect(bad({ tasks: [{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_EXPIRE' as never)] }] })).toContain('tasks[0].program[0]: MNT_EXPIRE is not modelled');
    const setup = { ...lazy.setup, mounts: [...lazy.setup.mounts, { id: 'mnt9', sb: 'sb1', ns: null }] };
    expect(bad({ setup })).toContain("detached mount 'mnt9' has no open file");
  });
});
