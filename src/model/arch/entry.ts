/**
 * The return to user mode (v4.13): on x86, exit_to_usermode_loop() in
 * arch/x86/entry/common.c; on arm64 (the phones), do_notify_resume() in
 * arch/arm64/kernel/signal.c. Both see _TIF_NOTIFY_RESUME, which
 * task_work_add() set, and call tracehook_notify_resume()
 * (include/linux/tracehook.h), which runs task_work_run(). So deferred work a
 * user task queued is done before userland sees the syscall's result.
 * https://elixir.bootlin.com/linux/v4.13/source/arch/x86/entry/common.c
 * https://elixir.bootlin.com/linux/v4.13/source/arch/arm64/kernel/signal.c
 * https://elixir.bootlin.com/linux/v4.13/source/include/linux/tracehook.h
 */
import type { StepContext } from '../context.ts';
import { task_work_run } from '../kernel/task_work.ts';

/** @kernel arch/x86/entry/common.c exit_to_usermode_loop (arm64: do_notify_resume in arch/arm64/kernel/signal.c) */
export function exit_to_usermode(ctx: StepContext): void {
  if (task_work_run(ctx)) {
    ctx.call({ fn: 'exit_to_usermode' });
    return;
  }
  const sc = ctx.task.syscall!;
  const ret = sc.ret === 0 ? '0' : sc.ret === -16 ? '-EBUSY' : sc.ret === -22 ? '-EINVAL' : sc.ret === -25 ? '-ENOTTY' : sc.ret === -30 ? '-EROFS' : String(sc.ret);
  ctx.note(`${sc.name} returns ${ret}`);
  ctx.signal({ type: 'syscall_return', syscall: sc.name, ret: sc.ret, sb: sc.sb });
  const milestone = `${ctx.task.name}:${sc.name}:returned`;
  if (!ctx.world.milestones.includes(milestone)) {
    ctx.world.milestones.push(milestone);
    ctx.world.milestones.sort();
  }
  ctx.task.syscall = null;
}
