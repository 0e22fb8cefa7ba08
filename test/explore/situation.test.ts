import { describe, expect, it } from 'vitest';
import { nak } from '../nak.ts';
import { NakError } from '../../src/errors.ts';
import { explore } from '../../src/explore/explore.ts';
import { replay } from '../../src/explore/run.ts';
import { parseSchedule } from '../../src/explore/schedule.ts';
import { conditionHolds, isNamedStep } from '../../src/explore/situation.ts';
import { step } from '../../src/model/step.ts';
import { CATALOGUE } from '../../scenarios/index.ts';
import { scenarioById } from '../../src/scenario/catalogue.ts';
import type { Scenario } from '../../src/scenario/define.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { startWorld } from '../../src/explore/run.ts';

const only = scenarioById('umount-wait-only-case');

/** Whether, replaying `schedule`, the situation's step happens and its condition holds then. */
function meets(s: Scenario, name: string, schedule: string): boolean {
  const sit = s.situations![name]!;
  let w = startWorld(s).world;
  for (const task of parseSchedule(schedule, w.tasks.map((t) => t.name))) {
    if (isNamedStep(w, task, sit.at)) return conditionHolds(w, sit.when);
    w = step(w, task).world;
  }
  return false;
}

describe('situations: verdicts over the runs that meet a condition at a step', () => {
  it('tutorial: the same scenario, judged only where file1 is still on the list when the drain runs', () => {
    const r = explore(only, {}, 'on-list-at-drain');
    expect(r.situation).toMatchObject({ name: 'on-list-at-drain', guard: 'init calls flush_delayed_fput while file1 is on delayed_fput_list' });
    expect(r.properties.oops!.verdict).toBe('never');
    expect(r.schedules).toBeGreaterThan(0);
  });

  it('two complementary situations at the same step split the schedules exactly', () => {
    const all = explore(only);
    const on = explore(only, {}, 'on-list-at-drain');
    const off = explore(only, {}, 'taken-before-drain');
    expect(BigInt(on.schedules) + BigInt(off.schedules)).toBe(BigInt(all.schedules));
    expect(BigInt(on.properties.oops!.schedulesSeen) + BigInt(off.properties.oops!.schedulesSeen)).toBe(BigInt(all.properties.oops!.schedulesSeen));
  });

  it('every witness and avoiding schedule in a situation replays, and meets the situation', () => {
    for (const name of Object.keys(only.situations!)) {
      const r = explore(only, {}, name);
      for (const [p, v] of Object.entries(r.properties)) {
        for (const sched of [v.witness, v.avoidedBy]) {
          if (sched === null) continue;
          expect(meets(only, name, sched), `${name} ${p}: ${sched}`).toBe(true);
          const seen = replay(only, sched).firstSeen[p] !== undefined;
          expect(seen, `${name} ${p}: ${sched}`).toBe(sched === v.witness);
        }
      }
    }
  });

  it('a situation that no run meets is an error, never a vacuous "never"', () => {
    const s = { ...only, situations: { dead: { ...only.situations!['on-list-at-drain']!, when: { sb: 'sb1', state: 'dead' as const } } } };
    expect(() => explore(s, {}, 'dead')).toThrow(
      "umount-wait-only-case: situation 'dead' holds in no run (init calls flush_delayed_fput while sb1 is dead): its verdicts would be vacuous",
    );
    try {
      explore(s, {}, 'dead');
    } catch (e) {
      expect((e as NakError).kind).toBe('bad-situation');
    }
  });

  it('every situation in the catalogue finds its declared verdicts', () => {
    for (const s of CATALOGUE) {
      for (const [name, sit] of Object.entries(s.situations ?? {})) {
        const r = explore(s, {}, name);
        expect(Object.fromEntries(Object.entries(r.properties).map(([p, v]) => [p, v.verdict])), `${s.id} ${name}`).toEqual(sit.expect);
      }
    }
  });
});

describe('situations from the CLI', () => {
  it('--situation NAME, in text and in the JSON', async () => {
    const t = await nak('explore', 'umount-wait-only-case', '--situation', 'on-list-at-drain');
    expect(t.code).toBe(0);
    expect(t.out).toContain('situation on-list-at-drain: file1 is still on delayed_fput_list');
    expect(t.out).toContain("verdicts match the situation's declaration");
    const j = JSON.parse((await nak('explore', 'umount-wait-only-case', '--situation', 'on-list-at-drain', '--json')).out);
    expect(j.situation).toEqual({ name: 'on-list-at-drain', description: "file1 is still on delayed_fput_list at the instant init's flush_delayed_fput() drains it.", guard: 'init calls flush_delayed_fput while file1 is on delayed_fput_list' });
  });

  it('an unknown situation names the ones the scenario has (exit 2)', async () => {
    const r = await nak('explore', 'umount-wait-only-case', '--situation', 'nope');
    expect(r.code).toBe(2);
    expect(r.err).toContain("umount-wait-only-case has no situation 'nope'; it has: on-list-at-umount, on-list-at-drain, mntput-queued-at-flush, taken-before-drain");
  });
});

describe('a malformed situation is refused with its place', () => {
  it('unknown task, call, object and missing verdicts', () => {
    const s = { ...only, situations: { 'bad-one': { description: 'x', at: { task: 'nobody', call: 'flush_everything' }, when: { onList: 'delayed_fput_list', item: 'file9' }, expect: { oops: 'never' } } } };
    let msg = '';
    try {
      validateScenario(s, 'x.ts');
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain("situations.bad-one.at.task: unknown task 'nobody'");
    expect(msg).toContain("situations.bad-one.at.call: 'flush_everything' is not a call the model makes");
    expect(msg).toContain("situations.bad-one.when: onList must be delayed_fput_list (with a file) or delayed_mntput_list (with a mount), got delayed_fput_list and 'file9'");
    expect(msg).toContain('situations.bad-one.expect.umount-returned-while-alive: missing');
  });
});
