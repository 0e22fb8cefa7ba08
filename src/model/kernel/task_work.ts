/**
 * kernel/task_work.c (v4.13): task_work_add() and task_work_run().
 * task_work runs when a task returns to user mode (or in do_exit()), so a user
 * task's deferred __fput / cleanup_mnt finish before its syscall "returns".
 * Order: task_work_add() pushes at the head of task->task_works, and
 * task_work_run() takes the whole list and runs it from the head, so the work
 * added last runs first; the file's own comment promises no order at all.
 * https://elixir.bootlin.com/linux/v4.13/source/kernel/task_work.c
 */
import type { StepContext } from '../context.ts';
import type { Op } from '../ops.ts';

/**
 * task_work_add(): push `work` at the head of the task's list (a cmpxchg loop in the kernel).
 * @kernel kernel/task_work.c task_work_add
 */
export function task_work_add(ctx: StepContext, work: Op, label: string): void {
  ctx.task.task_works.unshift(work);
  ctx.note(`task_work_add(${ctx.task.name}, ${label})`);
}

/**
 * task_work_run(): take every queued work at once and run them from the head:
 * newest first. Works that these add are taken by the next round (the caller
 * loops until the list is empty).
 * @kernel kernel/task_work.c task_work_run
 */
export function task_work_run(ctx: StepContext): boolean {
  const works = ctx.task.task_works;
  if (works.length === 0) return false;
  ctx.task.task_works = [];
  ctx.note(works.length > 1 ? `task_work_run: ${works.length} works, newest first` : 'task_work_run: 1 work');
  ctx.call(...works);
  return true;
}
