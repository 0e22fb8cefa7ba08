/**
 * fs/file_table.c (v4.13): dropping the last reference to a struct file.
 * https://elixir.bootlin.com/linux/v4.13/source/fs/file_table.c
 */
import { arrow, type StepContext } from '../context.ts';
import { isKthread } from '../world.ts';
import { task_work_add } from '../kernel/task_work.ts';
import { schedule_delayed_work } from '../kernel/workqueue.ts';

/**
 * fput(): drop a reference. On the last one, a user task queues __fput as
 * task_work (____fput); a kernel thread (PF_KTHREAD) adds the file to
 * delayed_fput_list and, if llist_add() found the list empty, arms
 * delayed_fput_work's timer.
 * Left out: the kernel also takes the delayed path in interrupt context and
 * when task_work_add() fails (a task past exit_task_work()). No modelled
 * fput() runs in either, so no verdict depends on it; a scenario with an
 * interrupt-time final fput would behave like a kernel thread's.
 * @kernel fs/file_table.c fput
 */
export function fput(ctx: StepContext, fileId: string): void {
  const f = ctx.world.files[fileId]!;
  ctx.note(arrow(`${fileId}.f_count`, f.f_count, f.f_count - 1));
  f.f_count -= 1;
  if (f.f_count > 0) return;
  if (!isKthread(ctx.task)) {
    task_work_add(ctx, { fn: '__fput', file: fileId }, `____fput(${fileId})`);
    return;
  }
  const wasEmpty = ctx.world.delayed_fput_list.length === 0;
  ctx.world.delayed_fput_list.unshift(fileId);
  ctx.note(`PF_KTHREAD: llist_add(${fileId}, delayed_fput_list)${wasEmpty ? ' (was empty)' : ''}`);
  if (wasEmpty) schedule_delayed_work(ctx, 'delayed_fput_work');
}

/**
 * __fput(): release the file; its last act is mntput() on the file's mount (the next step).
 * @kernel fs/file_table.c __fput
 */
export function __fput(ctx: StepContext, fileId: string): void {
  const f = ctx.world.files[fileId]!;
  const sb = ctx.world.mounts[f.mnt]!.sb;
  f.freed = true;
  ctx.note(`${fileId} released`);
  ctx.signal({ type: '__fput', file: fileId, sb });
  ctx.call({ fn: 'mntput_no_expire', mnt: f.mnt, from: `__fput(${fileId})` });
}

/**
 * delayed_fput(): llist_del_all() takes the whole list at once; __fput() then
 * runs on each taken file in list order, one step each. Files added after the
 * llist_del_all() start a new batch and arm the timer again.
 * @kernel fs/file_table.c delayed_fput
 */
export function delayed_fput(ctx: StepContext): void {
  const taken = ctx.world.delayed_fput_list;
  ctx.world.delayed_fput_list = [];
  if (taken.length === 0) {
    ctx.note('llist_del_all(delayed_fput_list): empty, nothing to do');
    return;
  }
  ctx.note(`llist_del_all(delayed_fput_list) took ${taken.join(', ')}; list now empty`);
  ctx.call(...taken.map((file) => ({ fn: '__fput' as const, file })));
}

/**
 * flush_delayed_fput() is delayed_fput(NULL): drain the list in the caller, now.
 * It does not wait for a delayed_fput already running on a worker.
 * @kernel fs/file_table.c flush_delayed_fput
 */
export function flush_delayed_fput(ctx: StepContext): void {
  ctx.note('= delayed_fput(NULL) in this task');
  delayed_fput(ctx);
}

/**
 * flush_delayed_fput_wait(): the vendor 4.14 helper (not in mainline):
 * delayed_fput(NULL) in the caller, then flush_delayed_work(&delayed_fput_work).
 * Order of steps: the wait is queued behind the __fput calls the drain started.
 * @vendor fs/file_table.c flush_delayed_fput_wait
 */
export function flush_delayed_fput_wait(ctx: StepContext): void {
  ctx.call({ fn: 'flush_delayed_fput' }, { fn: 'flush_delayed_work', work: 'delayed_fput_work' });
  ctx.note('delayed_fput(NULL), then flush_delayed_work(delayed_fput_work)');
}
