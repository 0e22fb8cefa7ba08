/**
 * The playground's session: a scenario and the steps taken so far. Each change
 * replays the schedule from the start, so what the page shows is always what
 * `nak run <id> --schedule "<schedule>"` prints.
 */
import { replay, runFirstRunnable, type Run } from '../explore/run.ts';
import { formatSchedule } from '../explore/schedule.ts';
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
