/**
 * fs/f2fs (v4.13): the F2FS_IOC_SHUTDOWN ioctl (file.c), the discard thread
 * (segment.c) and what f2fs_put_super() (super.c) still writes at teardown.
 *
 * F2FS_IOC_SHUTDOWN with F2FS_GOING_DOWN_FULLSYNC: freeze_bdev() syncs the
 * filesystem (a checkpoint, if anything is still dirty: write_checkpoint() for
 * a sync returns at once on a clean filesystem), then f2fs_stop_checkpoint()
 * sets CP_ERROR_FLAG and marks the superblock read-only, after which
 * write_checkpoint() and the data and node write paths write nothing, and
 * thaw_bdev(). It does not stop the discard thread. Each checkpoint of a
 * filesystem mounted with -o discard queues discards of the segments it freed
 * (clear_prefree_segments()) and wakes that thread: the checkpoints before and
 * during the ioctl (Android's init calls sync() twice on the way to it; the
 * freeze's sync, if the filesystem is still dirty) all do, so what is queued
 * when the ioctl returns usually comes from the earlier ones. The thread never
 * checks the checkpoint error, and f2fs_put_super() still issues whatever is
 * queued (f2fs_wait_discard_bios()). So after the ioctl, the discards still
 * queued can reach the device, from the thread or from the teardown. (Linux
 * 6.18's ioctl stops the GC and discard threads and drops the queued discards;
 * it is not modelled.)
 *
 * Abstraction: the freeze always succeeds. On v4.13 a failed freeze_bdev()
 * (the superblock already frozen: -EBUSY; still dirty after the sync: -EINVAL)
 * skips f2fs_stop_checkpoint() and the ioctl still returns 0, leaving the
 * filesystem live while its caller believes it shut down. No modelled task
 * freezes a filesystem or dirties one during the ioctl, so no modelled run can
 * fail there; with a failed freeze, the ioctl scenarios'
 * device-shutdown-under-live-fs would be `sometimes` even without discards.
 * Abstraction: the open and close of the mount point around the ioctl are not
 * modelled (the open's file reference could make a concurrent umount(2) return
 * -EBUSY); the freeze's sync is one write while the device is alive.
 * Abstraction: discards are queued only by the ioctl: with -o discard, the
 * model's ioctl always leaves some queued, and nothing is queued before it (the
 * model's live filesystems write nothing, and it has no sync() of init's). On
 * v4.13 the checkpoints before and during the ioctl queue them, as said above;
 * whether any are still queued when it returns depends on whether the thread has
 * issued them, which the model leaves to the schedule (it may run between the
 * ioctl and device_shutdown(), as in shutdown-ioctl's discards-issued-first).
 * Abstraction: a filesystem has a discard thread, and discards to queue, only
 * with `discard: true`, and FITRIM is not modelled. On v4.13 every f2fs has the
 * discard control and its thread (create_discard_cmd_control(), whatever the
 * mount options), FITRIM (f2fs_trim_fs(): Android's fstrim, run in idle
 * maintenance) queues discard commands through a CP_DISCARD checkpoint whatever
 * the mount options, and f2fs_put_super() issues whatever is queued. So this
 * tie can hide `sometimes`: on a filesystem without -o discard that an earlier
 * FITRIM left with discards pending, shutdown-ioctl-no-discard's oops and
 * device-shutdown-under-live-fs, `never` in the model, would be `sometimes`, as
 * in shutdown-ioctl. On v4.13 the ioctl alone cannot guarantee that the device
 * is left alone afterwards.
 * Abstraction: time is not modelled, so the discard thread may issue at any
 * later step. v4.13's thread, while discards are queued, looks again about
 * every 20 ms (congestion_wait(HZ/50)), but issues them only when the device
 * looks idle (is_idle()): no request in its queue, and f2fs's idle interval
 * (DEF_IDLE_INTERVAL, 5 s) passed since REQ_TIME, which the ioctl itself
 * refreshes as it ends. So the thread reaches the dead device only if that
 * 5-second mark after the ioctl falls after device_shutdown() and before
 * machine_restart(); if it falls before device_shutdown(), the thread empties
 * the queue while the device is alive and the reboot is safe (the
 * discards-issued-first run). Android's init goes from the ioctl straight to
 * reboot(2), so on a device the thread's way needs the kernel's reboot path to
 * take about 5 s. The teardown's way (f2fs_put_super()) waits for nothing.
 * Left out: the GC thread, which the ioctl does not stop either: after the
 * shutdown, f2fs_gc() returns at its checkpoint-error check (what the thread's
 * balancing may still read is not modelled).
 * https://elixir.bootlin.com/linux/v4.13/source/fs/f2fs/file.c
 * https://elixir.bootlin.com/linux/v4.13/source/fs/f2fs/segment.c
 * https://elixir.bootlin.com/linux/v4.13/source/fs/f2fs/super.c
 */
import type { StepContext } from '../context.ts';
import { submit_bio } from '../block/bio.ts';

/**
 * Android's init, before the ioctl: it reads /proc/mounts, which lists the
 * mounts of its own namespace, and issues F2FS_IOC_SHUTDOWN on /data only if
 * /data is listed there (IsDataMounted() in init/reboot.cpp at AOSP commit
 * 2a9a6b56, authored in March 2025; GetDataFsType() in later trees). A userland
 * step: no syscall of the model's, so it runs no task_work.
 * @model Android's init reads /proc/mounts before the shutdown ioctl (system/core init/reboot.cpp, IsDataMounted)
 */
export function IsDataMounted(ctx: StepContext, mntId: string): void {
  if (ctx.world.mounts[mntId]!.mnt_ns !== ctx.task.ns) {
    ctx.note(`/proc/mounts: ${mntId} not listed in ${ctx.task.ns}: no ioctl`);
    return;
  }
  ctx.note(`/proc/mounts: ${mntId} listed in ${ctx.task.ns}: ioctl next`);
  ctx.call({ fn: 'sys_ioctl_shutdown', mnt: mntId });
}

/**
 * f2fs_ioc_shutdown(F2FS_GOING_DOWN_FULLSYNC): freeze_bdev() (the sync's
 * checkpoint, which with -o discard queues discards and wakes the discard
 * thread), f2fs_stop_checkpoint(), thaw_bdev(); returns 0. On a filesystem
 * already shut down, f2fs_stop_checkpoint() has marked the superblock
 * read-only (MS_RDONLY), so the ioctl's mnt_want_write_file() fails first: it
 * returns -EROFS and does nothing else.
 * Abstraction: a mount point not mounted in the caller's namespace leads to the
 * directory underneath, on a filesystem the model does not have; the model
 * takes that filesystem to lack the call (-ENOTTY) and changes nothing. That is
 * the model's choice, not what v4.13 guarantees: the ioctl's number is shared
 * (EXT4_IOC_SHUTDOWN and XFS_IOC_GOINGDOWN are the same _IOR('X', 125, __u32)),
 * so an ext4, xfs or other f2fs underneath would be shut down instead, with
 * this same argument (0: ext4's and xfs's default, a full-sync shutdown).
 * Android's init never gets there: it looks in /proc/mounts first
 * (IsDataMounted).
 * @kernel fs/f2fs/file.c f2fs_ioc_shutdown
 */
export function sys_ioctl_shutdown(ctx: StepContext, mntId: string): void {
  const mnt = ctx.world.mounts[mntId]!;
  const sb = ctx.world.supers[mnt.sb]!;
  ctx.task.syscall = { name: 'ioctl', mnt: mntId, sb: sb.id, ret: 0 };
  ctx.call({ fn: 'exit_to_usermode' });
  if (mnt.mnt_ns !== ctx.task.ns) {
    ctx.task.syscall.ret = -25;
    ctx.note(`ioctl(${mntId}, F2FS_IOC_SHUTDOWN): ${mntId} is not mounted in ${ctx.task.name}'s namespace; the path reaches the directory underneath, outside the model: -ENOTTY, ${sb.id} untouched`);
    return;
  }
  ctx.note(`ioctl(${mntId}, F2FS_IOC_SHUTDOWN, GOING_DOWN_FULLSYNC)`);
  if (sb.shutdown) {
    ctx.task.syscall.ret = -30;
    ctx.note(`mnt_want_write_file: ${sb.id} is read-only since f2fs_stop_checkpoint(): -EROFS, nothing done`);
    return;
  }
  submit_bio(ctx, sb.id, 'freeze_bdev: sync_filesystem, checkpoint');
  if (ctx.world.halted) return;
  if (sb.discard) {
    sb.discards_queued = true;
    ctx.note(`the checkpoint queued discards and woke the discard thread`);
  }
  sb.shutdown = true;
  ctx.note(`f2fs_stop_checkpoint: ${sb.id} writes no more checkpoints; thaw_bdev${sb.discard_thread ? '; the discard thread runs on' : ''}`);
}

/**
 * issue_discard_thread(): the loop of the discard kernel thread
 * (f2fs_discard-<dev>). It sleeps until discards are queued, then issues them
 * (__issue_discard_cmd()) and waits for them (__wait_discard_cmd()), whether or
 * not the filesystem's checkpoints were stopped; then it sleeps again.
 * Abstraction: one round issues every queued discard in one write. v4.13 issues
 * a few at a time while the device looks idle; a run in which some go out
 * before device_shutdown() and the rest after oopses as the model's does when
 * its one write comes after.
 * @kernel fs/f2fs/segment.c issue_discard_thread
 */
export function issue_discard_thread(ctx: StepContext, sbId: string): void {
  ctx.call({ fn: 'issue_discard_thread', sb: sbId });
  submit_bio(ctx, sbId, 'issue_discard_thread: the queued discards');
  if (ctx.world.halted) return;
  ctx.world.supers[sbId]!.discards_queued = false;
  ctx.note(`${sbId}: no discards queued; the thread sleeps`);
}

/**
 * stop_discard_thread(): kill_f2fs_super() stops the discard thread
 * (kthread_stop()) before kill_block_super(); discards still queued stay queued.
 * @kernel fs/f2fs/segment.c stop_discard_thread
 */
export function stop_discard_thread(ctx: StepContext, sbId: string): void {
  const sb = ctx.world.supers[sbId]!;
  if (!sb.discard_thread) return;
  sb.discard_thread = false;
  ctx.note(`kill_f2fs_super: discard thread stopped${sb.discards_queued ? ', discards still queued' : ''}`);
}

/**
 * f2fs_put_super(), from generic_shutdown_super() after sync_filesystem(): the
 * unmount checkpoint, then f2fs_wait_discard_bios() issues every queued
 * discard. With its checkpoints stopped by the ioctl, the filesystem writes no
 * checkpoint, but the queued discards still go to the device.
 * @kernel fs/f2fs/super.c f2fs_put_super
 */
export function f2fs_put_super(ctx: StepContext, sbId: string): void {
  const sb = ctx.world.supers[sbId]!;
  if (!sb.shutdown) {
    submit_bio(ctx, sbId, 'generic_shutdown_super: sync_filesystem + put_super checkpoint');
    if (!ctx.world.halted) sb.discards_queued = false;
    return;
  }
  ctx.note(`${sbId}'s checkpoints are stopped (CP_ERROR_FLAG): sync_filesystem and put_super write no checkpoint`);
  if (!sb.discards_queued) return;
  submit_bio(ctx, sbId, 'f2fs_put_super: f2fs_wait_discard_bios, the queued discards');
  if (!ctx.world.halted) sb.discards_queued = false;
}
