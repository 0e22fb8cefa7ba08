/**
 * fs/super.c (v4.13): a superblock's active references and its shutdown.
 * https://elixir.bootlin.com/linux/v4.13/source/fs/super.c
 */
import { arrow, type StepContext } from '../context.ts';
import { submit_bio } from '../block/bio.ts';

/**
 * deactivate_super(): drop an active reference; the last one goes on to
 * deactivate_locked_super() -> fs->kill_sb(), the next step.
 * @kernel fs/super.c deactivate_super
 */
export function deactivate_super(ctx: StepContext, sbId: string): void {
  const sb = ctx.world.supers[sbId]!;
  ctx.note(arrow(`${sbId}.s_active`, sb.s_active, sb.s_active - 1));
  sb.s_active -= 1;
  if (sb.s_active > 0) return;
  sb.state = 'dying';
  ctx.note(`last active reference: ${sbId} dying, kill_sb next`);
  ctx.call({ fn: 'kill_block_super', sb: sbId });
}

/**
 * kill_block_super(): generic_shutdown_super() (sync_filesystem, ->put_super),
 * then sync_blockdev() and blkdev_put().
 * For f2fs, ->kill_sb is kill_f2fs_super() (fs/f2fs/super.c): it stops the GC
 * and discard threads, then calls kill_block_super(). f2fs_put_super() writes
 * its unmount checkpoint only when the filesystem is dirty or not yet cleanly
 * unmounted, and then submits the pending discards (f2fs_wait_discard_bios()).
 * Abstraction: the thread stops and all of that device I/O are one step, and
 * the step always writes (a clean filesystem with no pending discards might
 * not): the oops verdicts assume a filesystem with something left to write.
 * https://elixir.bootlin.com/linux/v4.13/source/fs/f2fs/super.c
 * @kernel fs/super.c kill_block_super
 */
export function kill_block_super(ctx: StepContext, sbId: string): void {
  submit_bio(ctx, sbId, 'generic_shutdown_super: sync_filesystem + put_super checkpoint');
  if (ctx.world.halted) return;
  ctx.world.supers[sbId]!.state = 'dead';
  ctx.note(`sync_blockdev, blkdev_put: ${sbId} dead`);
}
