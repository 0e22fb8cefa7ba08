/**
 * block/blk-core.c (v4.13): submit_bio(). Abstraction: a write is one event;
 * its only property of interest is whether the device is still there.
 * Abstraction: a filesystem writes only while it is torn down, when the
 * shutdown ioctl syncs it, and when its discard thread issues discards queued by
 * that sync; background writeback and checkpoints of a live filesystem are not
 * modelled, which is why device-shutdown-under-live-fs, not oops alone, is the
 * invariant to keep.
 * https://elixir.bootlin.com/linux/v4.13/source/block/blk-core.c
 */
import type { StepContext } from '../context.ts';

/**
 * Device I/O issued on behalf of superblock `sbId` (whether a filesystem shut
 * down by ioctl writes at all is its callers' business, as in the kernel).
 * I/O to a device that device_shutdown() has shut down is
 * the oops the UMOUNT_WAIT patch was written for; the model stops there, as
 * Android does: its init.rc sets kernel.panic_on_oops to 1
 * (https://android.googlesource.com/platform/system/core/+/refs/heads/main/rootdir/init.rc).
 * @kernel block/blk-core.c submit_bio
 */
export function submit_bio(ctx: StepContext, sbId: string, what: string): void {
  const sb = ctx.world.supers[sbId]!;
  const bdev = ctx.world.bdevs[sb.bdev]!;
  ctx.signal({ type: 'bio', bdev: bdev.id, sb: sbId, what });
  if (bdev.state === 'shut_down') {
    const reason = `${what}: I/O to ${bdev.id} after device_shutdown()`;
    ctx.note(`OOPS: ${reason}`);
    ctx.world.halted = 'oops';
    ctx.world.oops = reason;
    ctx.signal({ type: 'oops', reason });
    return;
  }
  ctx.note(`${what}: I/O to ${bdev.id}`);
}
