/**
 * fs/super.c (v4.13): a superblock's active references and its shutdown.
 * https://elixir.bootlin.com/linux/v4.13/source/fs/super.c
 */
import { arrow, type StepContext } from '../context.ts';
import { mnt_free } from './namespace.ts';
import { f2fs_put_super, stop_discard_thread } from './f2fs.ts';

/**
 * deactivate_super(): drop an active reference; the last one goes on to
 * deactivate_locked_super() -> fs->kill_sb(), the next step. The caller is
 * cleanup_mnt() of mount `mntId`, which frees the mount once this returns.
 * @kernel fs/super.c deactivate_super
 */
export function deactivate_super(ctx: StepContext, sbId: string, mntId: string): void {
  const sb = ctx.world.supers[sbId]!;
  ctx.note(arrow(`${sbId}.s_active`, sb.s_active, sb.s_active - 1));
  sb.s_active -= 1;
  if (sb.s_active > 0) {
    mnt_free(ctx, mntId);
    return;
  }
  sb.state = 'dying';
  ctx.note(`last active reference: ${sbId} dying, kill_sb next`);
  ctx.call({ fn: 'kill_block_super', sb: sbId, mnt: mntId });
}

/**
 * The superblock's ->kill_sb. For f2fs that is kill_f2fs_super()
 * (fs/f2fs/super.c): it stops the GC and discard threads, then calls
 * kill_block_super(): generic_shutdown_super() (sync_filesystem, then
 * ->put_super, f2fs_put_super()), then sync_blockdev() and blkdev_put(). Then
 * deactivate_super() returns to cleanup_mnt(), which frees the mount.
 * Abstraction: kill_f2fs_super()'s thread stops, all of that device I/O and
 * the end of cleanup_mnt() are one step.
 * Abstraction: the step always writes unless the ioctl stopped the
 * filesystem's checkpoints (a clean filesystem with nothing queued might not
 * write): the oops verdicts assume a filesystem with something left to write.
 * Left out: the GC thread (it is stopped here too, and after the shutdown
 * ioctl its collection fails at f2fs_gc()'s checkpoint-error check).
 * https://elixir.bootlin.com/linux/v4.13/source/fs/f2fs/super.c
 * @kernel fs/super.c kill_block_super
 */
export function kill_block_super(ctx: StepContext, sbId: string, mntId: string): void {
  stop_discard_thread(ctx, sbId);
  f2fs_put_super(ctx, sbId);
  if (ctx.world.halted) return;
  ctx.world.supers[sbId]!.state = 'dead';
  ctx.note(`sync_blockdev, blkdev_put: ${sbId} dead`);
  mnt_free(ctx, mntId);
}
