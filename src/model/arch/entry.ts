/**
 * arch/x86/entry/common.c (v4.13): exit_to_usermode_loop() runs task_work
 * (via tracehook_notify_resume) before a syscall returns to user mode, so
 * deferred work a user task queued is done before userland sees the result.
 * https://elixir.bootlin.com/linux/v4.13/source/arch/x86/entry/common.c
 */
import type { StepContext } from '../context.ts';
import { task_work_run } from '../kernel/task_work.ts';

export function exit_to_usermode(ctx: StepContext): void {
  if (task_work_run(ctx)) {
    ctx.call({ fn: 'exit_to_usermode' });
    return;
  }
  const sc = ctx.task.syscall!;
  const ret = sc.ret === 0 ? '0' : sc.ret === -16 ? '-EBUSY' : sc.ret === -22 ? '-EINVAL' : String(sc.ret);
  ctx.note(`${sc.name} returns ${ret}`);
  ctx.signal({ type: 'syscall_return', syscall: sc.name, ret: sc.ret, sb: sc.sb });
  const milestone = `${ctx.task.name}:${sc.name}:returned`;
  if (!ctx.world.milestones.includes(milestone)) {
    ctx.world.milestones.push(milestone);
    ctx.world.milestones.sort();
  }
  ctx.task.syscall = null;
}
