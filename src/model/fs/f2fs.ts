/**
 * fs/f2fs/file.c (v4.13): the F2FS_IOC_SHUTDOWN ioctl with
 * F2FS_GOING_DOWN_FULLSYNC: freeze_bdev() (which syncs and checkpoints), then
 * f2fs_stop_checkpoint(), which sets CP_ERROR_FLAG so that every later
 * checkpoint is skipped. Android's init issues it at the end of its reboot
 * sequence, right before the reboot syscall, when /data is still listed in
 * /proc/mounts. Abstractions: the open and close of the mount point around
 * the ioctl are not modelled (the open's file reference could make a
 * concurrent umount(2) return -EBUSY); the sync it does is one write while the
 * device is alive.
 * Left out: after the ioctl the model's filesystem issues no device I/O at
 * all, but v4.13's f2fs_put_super() still submits pending discards
 * (f2fs_wait_discard_bios()) at teardown. The shutdown-ioctl scenario's
 * "oops: never" assumes no discards are pending; with some, a teardown after
 * device_shutdown() could still reach the dead device.
 * https://elixir.bootlin.com/linux/v4.13/source/fs/f2fs/file.c
 */
import type { StepContext } from '../context.ts';
import { submit_bio } from '../block/bio.ts';

/** @kernel fs/f2fs/file.c f2fs_ioc_shutdown (after the /proc/mounts check Android's init makes first) */
export function sys_ioctl_shutdown(ctx: StepContext, mntId: string): void {
  const mnt = ctx.world.mounts[mntId]!;
  const sbId = mnt.sb;
  if (mnt.mnt_ns !== ctx.task.ns) {
    // Android's init looks in /proc/mounts first and skips the ioctl when the
    // filesystem is no longer mounted there.
    ctx.note(`${mntId} is not in /proc/mounts: no ioctl`);
    return;
  }
  ctx.task.syscall = { name: 'ioctl', mnt: mntId, sb: sbId, ret: 0 };
  ctx.note(`ioctl(${mntId}, F2FS_IOC_SHUTDOWN, GOING_DOWN_FULLSYNC)`);
  submit_bio(ctx, sbId, 'sync before shutdown');
  if (ctx.world.halted) return;
  ctx.world.supers[sbId]!.shutdown = true;
  ctx.note(`${sbId} shut down: it issues no more device I/O`);
  ctx.call({ fn: 'exit_to_usermode' });
}
