/**
 * kernel/exit.c (v4.13): do_exit() drops the task's mount namespace
 * (exit_task_namespaces) before it runs its remaining task_work (exit_task_work).
 * Abstraction: the rest of do_exit() is not modelled. It could hide the release
 * of the task's own open files (exit_files()); no modelled exiting task holds one.
 * https://elixir.bootlin.com/linux/v4.13/source/kernel/exit.c
 */
import type { StepContext } from '../context.ts';
import { task_work_run } from './task_work.ts';

/** @kernel kernel/exit.c do_exit */
export function sys_exit(ctx: StepContext): void {
  ctx.task.syscall = { name: 'exit', mnt: null, sb: null, ret: 0 };
  const ns = ctx.task.ns;
  ctx.note('do_exit');
  if (ns) ctx.call({ fn: 'put_mnt_ns', ns }, { fn: 'exit_task_work' });
  else ctx.call({ fn: 'exit_task_work' });
  ctx.task.ns = null;
}

/** @kernel include/linux/task_work.h exit_task_work */
export function exit_task_work(ctx: StepContext): void {
  if (task_work_run(ctx)) {
    ctx.call({ fn: 'exit_task_work' });
    return;
  }
  ctx.task.exited = true;
  ctx.note(`${ctx.task.name} exited`);
}
