import { describe, expect, it } from 'vitest';
import { NakError } from '../../src/errors.ts';
import { replay } from '../../src/explore/run.ts';
import { formatPermalink, parsePermalink } from '../../src/play/permalink.ts';
import { openSession, runToEnd, scheduleOf, takeStep, undoStep } from '../../src/play/session.ts';
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
    expect(s.run.world.oops).toBe('generic_shutdown_super: sync_filesystem + put_super checkpoint: I/O to sda after device_shutdown()');
  });
});

describe('the playground runs to the oops and says how a run ended', () => {
  it('the shortest way to the oops, continuing the steps taken when they are its beginning', async () => {
    const { oopsWitness, outcomeOf, runToOops, lastStepText } = await import('../../src/play/session.ts');
    const start = openSession('just-past');
    const r = runToOops(takeStep(start, 'init'))!;
    expect(r.continued).toBe(true);
    expect(scheduleOf(r.session)).toBe(oopsWitness(start));
    expect(outcomeOf(r.session)?.text).toMatch(/^The kernel oopsed: /);
    expect(lastStepText(r.session)).toMatch(/^Step 22: kworker:mntput kill_block_super\(sb1\)\. OOPS/);
    expect(runToOops(takeStep(start, 'kworker:fput'))!.continued).toBe(false);
    expect(runToOops(openSession('baseline-umount'))).toBeNull();
    expect(outcomeOf(runToEnd(openSession('baseline-umount')))?.text).toBe('The machine restarted cleanly.');
  });

  it('marks how a run ended: the oops, a restart under a live filesystem, or a clean end; nothing while it can go on', async () => {
    const { outcomeOf, runToOops } = await import('../../src/play/session.ts');
    const start = openSession('two-namespaces');
    expect(outcomeOf(start)).toBeNull();
    expect(outcomeOf(runToOops(start)!.session)?.tone).toBe('oops');
    const stillUsable = openSession('two-namespaces', start.scenario.schedules!['still-usable']!.schedule);
    expect(stillUsable.run.world.halted).toBe('restart');
    expect(outcomeOf(stillUsable)?.tone).toBe('hazard');
    expect(outcomeOf(runToEnd(openSession('baseline-umount')))?.tone).toBe('clean');
  });
});

describe('the stepper', () => {
  it('tutorial: opens at step 0 of a run, follows it, undoes and redoes, and says where it is in a link', async () => {
    const { openStepper, nextOfRun, choose, undo, redo, reset, permalinkOf, toOops } = await import('../../src/play/stepper-state.ts');
    const nak = scenarioById('just-past').schedules!['nak-trace']!.schedule;
    let st = openStepper('just-past', nak, 0);
    expect(st.session.steps).toEqual([]);
    expect(nextOfRun(st)).toBe('init');
    for (let i = 0; i < 7; i++) st = choose(st, nextOfRun(st)!);
    expect(nextOfRun(st)).toBe('kworker:fput');
    expect(permalinkOf(st)).toEqual({ scenario: 'just-past', schedule: nak, step: 7 });
    st = undo(undo(st));
    expect(st.session.steps.length).toBe(5);
    expect(st.redo).toEqual(['kworker:fput', 'init']);
    st = redo(st);
    expect(st.session.steps.length).toBe(6);
    expect(st.redo).toEqual(['kworker:fput']);
    // A different step forgets what Redo would have taken, and leaves the run.
    st = choose(undo(st), 'kworker:fput');
    expect(st.redo).toEqual([]);
    expect(nextOfRun(st)).toBeNull();
    expect(permalinkOf(st)).toEqual({ scenario: 'just-past', schedule: 'init*5 kworker:fput', step: 6 });
    expect(reset(st).session.steps).toEqual([]);
    expect(toOops(st)!.stepper.session.run.world.halted).toBe('oops');
    // The same state as the CLI replaying the same steps.
    expect(openStepper('just-past', nak, 7).session.run.world).toEqual(replay(scenarioById('just-past'), 'init*6 kworker:fput').world);
  });

  it('a link with a step opens there; a step past the end of its schedule is an error that says so', async () => {
    const { stepperFromLink } = await import('../../src/play/stepper-state.ts');
    const p = parsePermalink('#just-past:init*6+kworker:fput*3@4')!;
    expect(p).toEqual({ scenario: 'just-past', schedule: 'init*6 kworker:fput*3', step: 4 });
    expect(formatPermalink(p)).toBe('#just-past:init*6+kworker:fput*3@4');
    expect(stepperFromLink(p).session.steps).toEqual(['init', 'init', 'init', 'init']);
    expect(error(() => stepperFromLink(parsePermalink('#just-past:init*6@7')!)).message).toBe('the link shows step 7, but its schedule has only 6 steps');
    expect(error(() => parsePermalink('#just-past:init*6@x')).message).toContain("the step in the link should be a whole number of steps, got '@x'");
    expect(error(() => parsePermalink('#just-past:init*6@-1')).kind).toBe('bad-permalink');
  });

  it('states a goal for each scenario from what the explorer finds in it', async () => {
    const { goalOf } = await import('../../src/play/stepper-state.ts');
    const { explore } = await import('../../src/explore/explore.ts');
    const { catalogue } = await import('../../src/scenario/catalogue.ts');
    for (const s of catalogue().values()) {
      const r = explore(s);
      const goal = goalOf(s);
      if (r.properties.oops!.verdict !== 'never') expect(goal, s.id).toMatch(/oops/);
      else if (r.properties['device-shutdown-under-live-fs']!.verdict !== 'never') expect(goal, s.id).toMatch(/shut the device down under a live filesystem/);
      else expect(goal, s.id).toMatch(/finds no order that does/);
    }
  });
});

describe('every playground link the site cites', () => {
  it('replays, and the link to the end of the NAK trace reaches the oops', async () => {
    const { inject } = await import('vitest');
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { stepperFromLink } = await import('../../src/play/stepper-state.ts');
    const out = inject('site').out;
    const pages = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    const links = new Set<string>();
    for (const f of pages) {
      const html = readFileSync(join(out, f), 'utf8');
      for (const m of html.matchAll(/href="(?:\/play\/|)(#[a-z0-9-]+:[^"]*)"/g)) if (f.startsWith('play') || m[0].includes('/play/')) links.add(m[1]!.replace(/&amp;/g, '&'));
    }
    expect(links.size).toBeGreaterThan(10);
    for (const link of links) expect(() => stepperFromLink(parsePermalink(link)!), link).not.toThrow();
    const end = [...links].find((l) => l.startsWith('#just-past:') && !l.includes('@'))!;
    expect(stepperFromLink(parsePermalink(end)!).session.run.world.halted).toBe('oops');
  });
});

describe('the stepper as drawn', () => {
  it('names the next step of its run, says when there is none to follow, and links to where it is', async () => {
    const { stepperHtml } = await import('../../src/play/stepper-view.ts');
    const { openStepper, choose } = await import('../../src/play/stepper-state.ts');
    const nak = scenarioById('just-past').schedules!['nak-trace']!.schedule;
    const at0 = stepperHtml(openStepper('just-past', nak, 0), { id: 't', playUrl: '/play/', before: null });
    expect(at0).toContain('>Next step of this run (init)</button>');
    expect(at0).toContain(`href="/play/#just-past:${nak.replace(/ /g, '+')}@0"`);
    expect(at0).toContain("Step <strong>0 of this run's 23</strong>");
    const free = stepperHtml(openStepper('just-past', '', 0), { id: 't', playUrl: '/play/', before: null });
    expect(free).toMatch(/data-act="next" aria-keyshortcuts="n" disabled>Next step of this run \(there is no run to follow: choose a task below\)/);
    const off = stepperHtml(choose(openStepper('just-past', nak, 0), 'kworker:fput'), { id: 't', playUrl: '/play/', before: null });
    expect(off).toContain('you left it: Reset to go back');
  });
});
