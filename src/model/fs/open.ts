/**
 * fs/open.c (v4.13): close(2): __close_fd() takes the file out of the task's
 * table and filp_close() drops the task's reference with fput(). A user task's
 * last fput() queues __fput() as task_work, which runs as close(2) returns.
 * https://elixir.bootlin.com/linux/v4.13/source/fs/open.c
 */
import type { StepContext } from '../context.ts';

/**
 * SYSCALL_DEFINE1(close): the lookup in the file table and fput(), then the return to user mode.
 * @kernel fs/open.c SYSCALL_DEFINE1(close)
 */
export function sys_close(ctx: StepContext, fileId: string): void {
  const f = ctx.world.files[fileId]!;
  ctx.task.syscall = { name: 'close', mnt: f.mnt, sb: ctx.world.mounts[f.mnt]!.sb, ret: 0 };
  ctx.note(`close(${fileId})`);
  ctx.call({ fn: 'fput', file: fileId }, { fn: 'exit_to_usermode' });
}
