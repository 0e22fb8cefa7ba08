/**
 * fs/f2fs/file.c: the F2FS_IOC_SHUTDOWN ioctl (going down with a full sync).
 * Android's init issues it right before reboot (since 2022). Abstractions:
 * the open and close of the mount point around the ioctl are not modelled;
 * the sync it does is one write while the device is alive.
 */
import type { StepContext } from '../context.ts';
import { submit_bio } from '../block/bio.ts';

export function sys_ioctl_shutdown(ctx: StepContext, mntId: string): void {
  const sbId = ctx.world.mounts[mntId]!.sb;
  ctx.task.syscall = { name: 'ioctl', mnt: mntId, sb: sbId, ret: 0 };
  ctx.note(`ioctl(${mntId}, F2FS_IOC_SHUTDOWN, GOING_DOWN_FULLSYNC)`);
  submit_bio(ctx, sbId, 'sync before shutdown');
  if (ctx.world.halted) return;
  ctx.world.supers[sbId]!.shutdown = true;
  ctx.note(`${sbId} shut down: it issues no more device I/O`);
  ctx.call({ fn: 'exit_to_usermode' });
}
