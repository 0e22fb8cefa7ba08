/**
 * kernel/exit.c (v4.13): do_exit() drops the task's mount namespace
 * (exit_task_namespaces) before it runs its remaining task_work (exit_task_work).
 * Abstraction: the rest of do_exit() is not modelled.
 * https://elixir.bootlin.com/linux/v4.13/source/kernel/exit.c
 */
import type { StepContext } from '../context.ts';
import { task_work_run } from './task_work.ts';

export function sys_exit(ctx: StepContext): void {
  ctx.task.syscall = { name: 'exit', mnt: null, sb: null, ret: 0 };
  const ns = ctx.task.ns;
  ctx.note('do_exit');
  if (ns) ctx.call({ fn: 'put_mnt_ns', ns }, { fn: 'exit_task_work' });
  else ctx.call({ fn: 'exit_task_work' });
  ctx.task.ns = null;
}

export function exit_task_work(ctx: StepContext): void {
  if (task_work_run(ctx)) {
    ctx.call({ fn: 'exit_task_work' });
    return;
  }
  ctx.task.exited = true;
  ctx.note(`${ctx.task.name} exited`);
}
