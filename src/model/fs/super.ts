/**
 * fs/super.c (v4.13): a superblock's active references and its shutdown.
 * https://elixir.bootlin.com/linux/v4.13/source/fs/super.c
 */
import { arrow, type StepContext } from '../context.ts';
import { submit_bio } from '../block/bio.ts';

/**
 * deactivate_super(): drop an active reference; the last one goes on to
 * deactivate_locked_super() -> fs->kill_sb(), the next step.
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
 * kill_block_super(): generic_shutdown_super() (sync_filesystem, ->put_super:
 * f2fs writes its unmount checkpoint), then sync_blockdev() and blkdev_put().
 * Abstraction: all of that device I/O is one step.
 */
export function kill_block_super(ctx: StepContext, sbId: string): void {
  submit_bio(ctx, sbId, 'generic_shutdown_super: sync_filesystem + put_super checkpoint');
  if (ctx.world.halted) return;
  ctx.world.supers[sbId]!.state = 'dead';
  ctx.note(`sync_blockdev, blkdev_put: ${sbId} dead`);
}
