/**
 * kernel/task_work.c (v4.13): task_work_add() and task_work_run().
 * task_work runs when a task returns to user mode (or in do_exit()), so a user
 * task's deferred __fput / cleanup_mnt finish before its syscall "returns".
 * https://elixir.bootlin.com/linux/v4.13/source/kernel/task_work.c
 */
import type { StepContext } from '../context.ts';
import type { Op } from '../ops.ts';

export function task_work_add(ctx: StepContext, work: Op, label: string): void {
  ctx.task.task_works.push(work);
  ctx.note(`task_work_add(${ctx.task.name}, ${label})`);
}

/** task_work_run(): take every queued work and run them in the order they were added. */
export function task_work_run(ctx: StepContext): boolean {
  const works = ctx.task.task_works;
  if (works.length === 0) return false;
  ctx.task.task_works = [];
  ctx.note(`task_work_run: ${works.length} work${works.length > 1 ? 's' : ''}`);
  ctx.call(...works);
  return true;
}
