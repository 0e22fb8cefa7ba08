/**
 * Situations, evaluated: whether a step is the one a situation names, and
 * whether its condition holds in the state just before that step. The guard
 * is evaluated atomically with the step, as SPIN's never claims and TLC's
 * action constraints are: no other task moves in between.
 */
import { NakError } from '../errors.ts';
import type { Task, World } from '../model/world.ts';
import type { Condition, Scenario, Situation } from '../scenario/define.ts';

/** The kernel name of the call task `t` makes at its next step. */
export function nextCall(t: Task): string | null {
  if (t.kind === 'timer') return 'delayed_work_timer_fn';
  if (t.kind === 'worker' && t.stack.length === 0) return 'process_one_work';
  return (t.stack[0] ?? t.program[0])?.fn ?? null;
}

export function conditionHolds(w: World, c: Condition): boolean {
  if ('onList' in c) return w[c.onList].includes(c.item);
  if ('work' in c) {
    const work = w.works[c.work];
    if (c.is === 'timer-armed') return work.pending === 'timer';
    if (c.is === 'queued') return work.pending === 'queued';
    if (c.is === 'running') return work.running;
    return !work.pending && !work.running;
  }
  if ('task' in c) {
    const t = w.tasks.find((x) => x.name === c.task);
    return !!t && nextCall(t) === c.at;
  }
  if ('sb' in c) return w.supers[c.sb]?.state === c.state;
  if ('not' in c) return !conditionHolds(w, c.not);
  if ('all' in c) return c.all.every((x) => conditionHolds(w, x));
  return c.any.some((x) => conditionHolds(w, x));
}

/** Whether task `name`'s next step in `w` is the step `at` names (a situation's or a mark's). */
export function isNamedStep(w: World, name: string, at: { readonly task: string; readonly call: string }): boolean {
  if (name !== at.task) return false;
  const t = w.tasks.find((x) => x.name === name);
  return !!t && nextCall(t) === at.call;
}

/** The scenario's situation `name`, or a clear error naming the ones it has. */
export function situationOf(s: Scenario, name: string): Situation {
  const sit = s.situations?.[name];
  if (!sit) {
    throw new NakError('bad-usage', `${s.id} has no situation '${name}'; it has: ${Object.keys(s.situations ?? {}).join(', ') || 'none'}`);
  }
  return sit;
}

/** A condition in words, for reports. */
export function describeCondition(c: Condition): string {
  if ('onList' in c) return `${c.item} is on ${c.onList}`;
  if ('work' in c) return `${c.work} is ${c.is}`;
  if ('task' in c) return `${c.task} is about to call ${c.at}`;
  if ('sb' in c) return `${c.sb} is ${c.state}`;
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  if ('all' in c) return c.all.map(describeCondition).join(' and ');
  return c.any.map(describeCondition).join(' or ');
}
