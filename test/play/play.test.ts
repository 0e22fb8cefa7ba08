import { describe, expect, it } from 'vitest';
import { NakError } from '../../src/errors.ts';
import { replay } from '../../src/explore/run.ts';
import { formatPermalink, parsePermalink } from '../../src/play/permalink.ts';
import { openSession, runToEnd, scheduleOf, takeStep, undoStep } from '../../src/play/session.ts';
import { stateSummary } from '../../src/play/state-summary.ts';
import { scenarioById } from '../../src/scenario/catalogue.ts';

function error(f: () => unknown): NakError {
  try {
    f();
  } catch (e) {
    if (e instanceof NakError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('the playground permalink', () => {
  it('tutorial: a run round-trips through its link', () => {
    const link = formatPermalink({ scenario: 'just-past', schedule: 'init*6 kworker:fput*3' });
    expect(link).toBe('#just-past:init*6+kworker:fput*3');
    expect(parsePermalink(link)).toEqual({ scenario: 'just-past', schedule: 'init*6 kworker:fput*3' });
    expect(parsePermalink('#just-past:init*6%20kworker%3Afput*3')).toEqual({ scenario: 'just-past', schedule: 'init*6 kworker:fput*3' });
    expect(parsePermalink('')).toBeNull();
    expect(parsePermalink('#baseline-umount')).toEqual({ scenario: 'baseline-umount', schedule: '' });
  });

  it('a tampered link says what is wrong, each in its own words', () => {
    expect(error(() => parsePermalink('#<script>')).message).toContain('the link should read #<scenario>:<schedule>');
    expect(error(() => parsePermalink('#just-past:%E0%A4%A')).message).toContain('not valid URL encoding');
    expect(error(() => parsePermalink('#just-past:' + 'init '.repeat(1000))).message).toContain('characters long; at most 4000');
    expect(error(() => openSession('just-pats', '')).message).toContain("unknown scenario 'just-pats'");
    expect(error(() => openSession('just-past', 'init*3 kworker:mntput')).message).toContain("link: schedule: step 4: 'kworker:mntput' cannot run now");
    expect(error(() => openSession('just-past', 'init*3 nobody')).message).toContain("token 2 'nobody' names no task");
    expect(error(() => parsePermalink('#just past')).kind).toBe('bad-permalink');
  });
});

describe('the playground session', () => {
  it('steps, undoes and runs on exactly as the CLI replays the same schedule', () => {
    let s = openSession('just-past');
    expect(s.choices.filter((c) => c.runnable).map((c) => c.task)).toEqual(['init', 'kworker:fput']);
    for (const t of ['init', 'init', 'kworker:fput']) s = takeStep(s, t);
    expect(scheduleOf(s)).toBe('init*2 kworker:fput');
    s = undoStep(s);
    expect(scheduleOf(s)).toBe('init*2');
    const end = runToEnd(s);
    expect(end.run.runnable).toEqual([]);
    const cli = replay(scenarioById('just-past'), scheduleOf(end));
    expect(end.run.world).toEqual(cli.world);
  });

  it('shows why a task cannot run', () => {
    let s = openSession('just-past', 'init*6');
    const init = s.choices.find((c) => c.task === 'init')!;
    expect(init).toEqual({ task: 'init', next: 'flush_scheduled_work wakes (sleeping)', runnable: false });
    s = openSession('just-past', s.scenario.schedules!['nak-trace']!.schedule);
    expect(s.choices.every((c) => !c.runnable)).toBe(true);
    expect(stateSummary(s.run.world)).toContain('OOPS: generic_shutdown_super: sync_filesystem + put_super checkpoint: I/O to sda after device_shutdown()');
  });

  it('summarises the state: counts, lists, timers and the device', () => {
    const lines = stateSummary(openSession('just-past', 'init*6 kworker:fput*2').run.world);
    expect(lines).toEqual([
      'file1: f_count 0, on mnt2',
      'mnt1: mnt_count 0, detached, MNT_DOOMED',
      'mnt2: mnt_count 0, detached, MNT_DOOMED',
      'sb1: s_active 2, active',
      'sda: alive',
      'delayed_fput_list: []',
      'delayed_mntput_list: [mnt2]',
      'delayed_fput_work: running',
      'delayed_mntput_work: timer armed',
    ]);
  });
});

describe('the playground runs to the oops and says how a run ended', () => {
  it('the shortest way to the oops, continuing the steps taken when they are its beginning', async () => {
    const { oopsWitness, outcomeOf, runToOops, lastStepText } = await import('../../src/play/session.ts');
    const start = openSession('just-past');
    const r = runToOops(takeStep(start, 'init'))!;
    expect(r.continued).toBe(true);
    expect(scheduleOf(r.session)).toBe(oopsWitness(start));
    expect(outcomeOf(r.session)).toMatch(/^The kernel oopsed: /);
    expect(lastStepText(r.session)).toMatch(/^Step 22: kworker:mntput kill_block_super\(sb1\)\. OOPS/);
    expect(runToOops(takeStep(start, 'kworker:fput'))!.continued).toBe(false);
    expect(runToOops(openSession('baseline-umount'))).toBeNull();
    expect(outcomeOf(runToEnd(openSession('baseline-umount')))).toBe('The machine restarted cleanly.');
  });
});
