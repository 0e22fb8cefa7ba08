/**
 * The playground's session: a scenario and the steps taken so far. Each change
 * replays the schedule from the start, so what the page shows is always what
 * `nak run <id> --schedule "<schedule>"` prints.
 */
import { replay, runFirstRunnable, type Run } from '../explore/run.ts';
import { formatSchedule, parseSchedule } from '../explore/schedule.ts';
import { explore } from '../explore/explore.ts';
import { callLabel } from '../model/step.ts';
import { scenarioById } from '../scenario/catalogue.ts';
import type { Scenario } from '../scenario/define.ts';

export interface Choice {
  readonly task: string;
  /** The call the task would make, or why it cannot run. */
  readonly next: string;
  readonly runnable: boolean;
}

export interface Session {
  readonly scenario: Scenario;
  readonly steps: readonly string[];
  readonly run: Run;
  readonly choices: readonly Choice[];
}

function choicesOf(run: Run): Choice[] {
  return run.world.tasks.map((t) => {
    const runnable = run.runnable.includes(t.name);
    let next: string;
    if (t.kind === 'timer') next = runnable ? 'delayed_work_timer_fn' : 'no timer armed';
    else if (t.kind === 'worker' && t.stack.length === 0) next = runnable ? 'process_one_work' : 'idle';
    else {
      const op = t.stack[0] ?? t.program[0];
      next = op ? callLabel(op) : t.exited ? 'exited' : 'done';
      if (op && !runnable && !run.world.halted) next += ' (sleeping)';
    }
    return { task: t.name, next, runnable };
  });
}

function sessionOf(run: Run): Session {
  const steps = run.steps.filter((st) => !st.prelude).map((st) => st.event.task);
  return { scenario: run.scenario, steps, run, choices: choicesOf(run) };
}

export function openSession(id: string, schedule = ''): Session {
  return sessionOf(replay(scenarioById(id), schedule, 'link: schedule'));
}

export function takeStep(s: Session, task: string): Session {
  return openSession(s.scenario.id, formatSchedule([...s.steps, task]));
}

export function undoStep(s: Session): Session {
  return openSession(s.scenario.id, formatSchedule(s.steps.slice(0, -1)));
}

/** Run on, always choosing the first runnable task, until nothing can run. */
export function runToEnd(s: Session): Session {
  return sessionOf(runFirstRunnable(s.scenario, s.run.schedule));
}

export function scheduleOf(s: Session): string {
  return s.run.schedule;
}

const searches = new Map<string, { readonly witness: string | null; readonly complete: boolean }>();

/** What the explorer found about the oops (once a scenario): its shortest schedule, or null; and whether the search finished (if not, null means unknown, not never). */
export function oopsSearch(s: Session): { readonly witness: string | null; readonly complete: boolean } {
  if (!searches.has(s.scenario.id)) {
    const r = explore(s.scenario);
    searches.set(s.scenario.id, { witness: r.complete ? r.properties.oops!.witness : null, complete: r.complete });
  }
  return searches.get(s.scenario.id)!;
}

/** The shortest schedule to the oops in the scenario, or null if there is none (or the explorer could not finish). */
export function oopsWitness(s: Session): string | null {
  return oopsSearch(s).witness;
}

/**
 * Run to the oops by the shortest way: the explorer's witness, which replaces
 * the steps taken so far unless it begins with them. Null if the scenario never oopses.
 */
export function runToOops(s: Session): { session: Session; continued: boolean } | null {
  const witness = oopsWitness(s);
  if (witness === null) return null;
  const steps = parseSchedule(witness, s.run.world.tasks.map((t) => t.name));
  const continued = s.steps.every((t, i) => steps[i] === t);
  return { session: openSession(s.scenario.id, witness), continued };
}

/**
 * How the run has ended, for the banner: in words, and its tone: the oops; a
 * hazard (a restart under a live filesystem, or a deadlock: the book's other
 * two failures); or a clean end. Null while the run can go on.
 */
export function outcomeOf(s: Session): { readonly text: string; readonly tone: 'oops' | 'hazard' | 'clean' } | null {
  const w = s.run.world;
  if (w.halted === 'oops') return { text: `The kernel oopsed: ${w.oops}`, tone: 'oops' };
  if (!w.halted && s.run.runnable.length > 0) return null;
  const tone = w.seen.includes('device-shutdown-under-live-fs') || w.seen.includes('deadlock') ? 'hazard' : 'clean';
  if (w.halted === 'restart') {
    return { text: tone === 'hazard' ? 'The machine restarted, but the device was shut down under a live filesystem.' : 'The machine restarted cleanly.', tone };
  }
  return { text: 'No task can run any more.', tone };
}

/** What the last step did, in a sentence, for the page's live region. */
export function lastStepText(s: Session): string {
  const own = s.run.steps.filter((st) => !st.prelude);
  const last = own[own.length - 1];
  if (!last) return `${s.scenario.id}: no step yet.`;
  return `Step ${last.index}: ${last.event.task} ${last.event.call}. ${last.event.changes.join('; ')}`;
}
