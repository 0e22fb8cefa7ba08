/**
 * fs/f2fs/file.c: the F2FS_IOC_SHUTDOWN ioctl (going down with a full sync).
 * Android's init issues it at the end of its reboot sequence, after its
 * umount attempts and a sync, right before the reboot syscall. Abstractions:
 * the open and close of the mount point around the ioctl are not modelled;
 * the sync it does is one write while the device is alive.
 * https://elixir.bootlin.com/linux/v4.13/source/fs/f2fs/file.c
 */
import type { StepContext } from '../context.ts';
import { submit_bio } from '../block/bio.ts';

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
