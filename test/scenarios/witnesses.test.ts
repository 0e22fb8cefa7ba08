import { describe, expect, it } from 'vitest';
import { explore } from '../../src/explore/explore.ts';
import { replay } from '../../src/explore/run.ts';
import { parseSchedule } from '../../src/explore/schedule.ts';
import { formatTrace } from '../../src/trace/format.ts';
import { CATALOGUE } from '../../scenarios/index.ts';
import { scenarioById } from '../../src/scenario/catalogue.ts';

describe('witness schedules replay to what they witness', () => {
  for (const s of CATALOGUE) {
    it(`${s.id}: each witness reaches its property at its last step, and each avoiding schedule never does`, () => {
      const r = explore(s);
      for (const [p, v] of Object.entries(r.properties)) {
        if (v.witness !== null) {
          const run = replay(s, v.witness);
          expect(run.firstSeen[p], `${p} via ${v.witness}`).toBeDefined();
          const steps = parseSchedule(v.witness, run.world.tasks.map((t) => t.name)).length;
          expect(steps).toBe(v.witnessSteps);
          if (p !== 'deadlock') expect(run.firstSeen[p]!.step).toBe(steps);
        }
        if (v.avoidedBy !== null) {
          const run = replay(s, v.avoidedBy);
          expect(run.runnable, `${p} avoided by a complete schedule`).toEqual([]);
          expect(run.firstSeen[p]).toBeUndefined();
        }
      }
    });
  }
});

describe("the NAK's trace (just-past, pinned schedule nak-trace)", () => {
  const s = scenarioById('just-past');
  const run = replay(s, s.schedules!['nak-trace']!.schedule);

  it('ends in the oops at step 23, in the mntput worker running kill_block_super', () => {
    expect(run.firstSeen.oops?.step).toBe(23);
    const last = run.steps[run.steps.length - 1]!;
    expect(last.event).toMatchObject({ task: 'kworker:mntput', call: 'kill_block_super(sb1)' });
    expect(run.world.halted).toBe('oops');
  });

  it('has umount(2) return 0 after flush_scheduled_work, while delayed_mntput_work only has its timer armed', () => {
    const ret = run.steps.find((st) => st.event.changes.includes('umount returns 0'))!;
    expect(ret.index).toBe(14);
    const flush = run.steps.find((st) => st.event.call === 'flush_scheduled_work')!;
    expect(flush.event.changes.join()).toContain('waits for delayed_fput_work');
    const mntput = run.steps.find((st) => st.event.task === 'kworker:fput' && st.event.call === 'mntput_no_expire(mnt2)')!;
    expect(mntput.event.changes.join()).toContain('schedule_delayed_work(delayed_mntput_work, 1): timer armed');
    expect(mntput.index).toBeLessThan(ret.index);
    expect(run.firstSeen['device-shutdown-under-live-fs']?.step).toBe(17);
  });
});

describe('claims the chapters make about pinned schedules', () => {
  it("chapter 2: the shortest way to the oops in kthread-lazy-umount is chapter 1's reboot-crash trace", () => {
    const s = scenarioById('kthread-lazy-umount');
    expect(explore(s).properties.oops!.witness).toBe(s.schedules!['reboot-crash']!.schedule);
  });

  it("umount-wait-only-case: when init's flush wins, nothing goes wrong", () => {
    const s = scenarioById('umount-wait-only-case');
    const run = replay(s, s.schedules!['flush-wins']!.schedule);
    expect(run.firstSeen).toEqual({});
    expect(run.world.halted).toBe('restart');
  });
});

describe('every pinned schedule', () => {
  for (const s of CATALOGUE) {
    for (const [name, pinned] of Object.entries(s.schedules ?? {})) {
      it(`${s.id} ${name}: replays, and its trace matches scenarios/__traces__`, async () => {
        const run = replay(s, pinned.schedule);
        await expect(formatTrace(run)).toMatchFileSnapshot(`../../scenarios/__traces__/${s.id}.${name}.txt`);
      });
    }
  }
});
