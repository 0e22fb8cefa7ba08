/**
 * What a stepper holds, with no page in it: the steps taken (a Session), the
 * run it was opened on (a cell's run, or a link's schedule), and the steps
 * undone, for Redo. Every change goes through the Session, which replays the
 * schedule from the start, so the state shown is always the CLI's.
 */
import { NakError } from '../errors.ts';
import { formatSchedule, parseSchedule } from '../explore/schedule.ts';
import type { World } from '../model/world.ts';
import type { Scenario } from '../scenario/define.ts';
import type { Permalink } from './permalink.ts';
import { openSession, runToEnd, runToOops, takeStep, undoStep, type Session } from './session.ts';

export interface Stepper {
  readonly session: Session;
  /** The run the stepper was opened on, step by step (task names). */
  readonly run: readonly string[];
  /** Steps undone, the last one undone last: Redo takes it again. */
  readonly redo: readonly string[];
}

/** Open at step `at` of `schedule` (default: its end), with the rest of it to step. */
export function openStepper(id: string, schedule: string, at?: number): Stepper {
  const start = openSession(id);
  const run = parseSchedule(schedule, start.run.world.tasks.map((t) => t.name), 'link: schedule');
  const step = at ?? run.length;
  if (step > run.length) throw new NakError('bad-permalink', `the link shows step ${step}, but its schedule has only ${run.length} step${run.length === 1 ? '' : 's'}`);
  const session = openSession(id, formatSchedule(run.slice(0, step)));
  return { session, run, redo: [] };
}

export function stepperFromLink(p: Permalink): Stepper {
  return openStepper(p.scenario, p.schedule, p.step);
}

/** Whether the steps taken are still the beginning of the run the stepper was opened on. */
export function onRun(st: Stepper): boolean {
  return st.session.steps.length <= st.run.length && st.session.steps.every((t, i) => st.run[i] === t);
}

/** The task that takes the next step of the run, or null (at its end, or off it). */
export function nextOfRun(st: Stepper): string | null {
  return onRun(st) && st.session.steps.length < st.run.length ? st.run[st.session.steps.length]! : null;
}

/** The reader chooses the task that takes the next step ("be the scheduler"). */
export function choose(st: Stepper, task: string): Stepper {
  const session = takeStep(st.session, task);
  // Taking the step that was undone last keeps the rest of the redo list; any other step forgets it.
  const redo = st.redo.length && st.redo[st.redo.length - 1] === task ? st.redo.slice(0, -1) : [];
  return { ...st, session, redo };
}

export function undo(st: Stepper): Stepper {
  const last = st.session.steps[st.session.steps.length - 1];
  if (last === undefined) return st;
  return { ...st, session: undoStep(st.session), redo: [...st.redo, last] };
}

export function redo(st: Stepper): Stepper {
  const task = st.redo[st.redo.length - 1];
  return task === undefined ? st : choose(st, task);
}

export function reset(st: Stepper): Stepper {
  return { session: openSession(st.session.scenario.id), run: st.run, redo: [] };
}

export function toEnd(st: Stepper): Stepper {
  return { ...st, session: runToEnd(st.session), redo: [] };
}

/** Run to the oops by the shortest way (null if the scenario never oopses); `continued` says whether it kept the steps taken. */
export function toOops(st: Stepper): { stepper: Stepper; continued: boolean } | null {
  const r = runToOops(st.session);
  return r && { stepper: { ...st, session: r.session, redo: [] }, continued: r.continued };
}

/** The state one step before the one shown (null at the start), so that what the last step changed can be marked, however the stepper got here. */
export function previousWorld(st: Stepper): World | null {
  return st.session.steps.length ? undoStep(st.session).run.world : null;
}

/** The link that reopens this stepper where it is: on its run, at this step of it; off it, the steps taken. */
export function permalinkOf(st: Stepper): Permalink {
  const k = st.session.steps.length;
  return onRun(st) ? { scenario: st.session.scenario.id, schedule: formatSchedule(st.run), step: k } : { scenario: st.session.scenario.id, schedule: formatSchedule(st.session.steps), step: k };
}

/** What the reader is invited to do with a scenario, from what the explorer finds in it (its declared verdicts, which the tests hold to the model). */
export function goalOf(s: Scenario): string {
  const e = s.expect;
  if (e.oops !== 'never') {
    return e['umount-returned-while-alive'] !== 'never'
      ? 'Goal: make umount(2) return while the filesystem is still alive; then make the kernel oops.'
      : 'Goal: find an order of steps in which the kernel oopses.';
  }
  if (e['device-shutdown-under-live-fs'] !== 'never') return 'Goal: shut the device down under a live filesystem (this scenario never oopses, but a device going away under it is the bug).';
  return 'Goal: try to make it go wrong. The explorer finds no order that does: every run ends cleanly.';
}
