/**
 * A call that a task has still to make, as data. Each op is one atomic step of
 * the model; the points between ops are where other tasks may run. Ops are data
 * (not closures) so that a state can be compared, stored and replayed.
 */
import type { WorkId } from './world.ts';

/** reboot(2)'s commands that the model runs: both go to kernel_restart(). */
export type RebootCmd = 'LINUX_REBOOT_CMD_RESTART' | 'LINUX_REBOOT_CMD_RESTART2';

export type UmountFlag = 'MNT_DETACH' | 'UMOUNT_WAIT' | 'MNT_FORCE' | 'MNT_EXPIRE' | 'UMOUNT_NOFOLLOW';

export type Op =
  // syscalls (a user task's program)
  | { fn: 'sys_umount'; mnt: string; flags: UmountFlag[] }
  | { fn: 'sys_reboot'; cmd?: RebootCmd }
  | { fn: 'sys_exit' }
  | { fn: 'sys_ioctl_shutdown'; mnt: string }
  // Android's init, in userland: its look at /proc/mounts before the shutdown ioctl
  | { fn: 'IsDataMounted'; mnt: string }
  | { fn: 'sys_statfs'; mnt: string }
  | { fn: 'sys_close'; file: string }
  // a kernel thread's program
  | { fn: 'fput'; file: string }
  | { fn: 'wait_for'; milestone: string }
  // fs/namespace.c
  | { fn: 'do_umount'; mnt: string; flags: UmountFlag[] }
  | { fn: 'mntput_no_expire'; mnt: string; from: string }
  | { fn: 'cleanup_mnt'; mnt: string }
  | { fn: 'delayed_mntput' }
  | { fn: 'put_mnt_ns'; ns: string }
  | { fn: 'flush_delayed_mntput_wait' }
  | { fn: 'vendor_umount_flush' }
  // fs/file_table.c
  | { fn: '__fput'; file: string }
  | { fn: 'delayed_fput' }
  | { fn: 'flush_delayed_fput' }
  | { fn: 'flush_delayed_fput_wait' }
  // fs/super.c
  // (the mount whose cleanup_mnt() dropped the reference: cleanup_mnt() frees it once deactivate_super() returns)
  | { fn: 'deactivate_super'; sb: string; mnt: string }
  | { fn: 'kill_block_super'; sb: string; mnt: string }
  // fs/f2fs/segment.c: the body of the discard thread's loop
  | { fn: 'issue_discard_thread'; sb: string }
  // kernel/workqueue.c
  | { fn: 'flush_scheduled_work' }
  | { fn: 'flush_delayed_work'; work: WorkId }
  | { fn: 'wait_for_work'; waits: Array<[WorkId, number]>; caller: string }
  | { fn: 'process_one_work' }
  | { fn: 'work_done' }
  // kernel/reboot.c, drivers/base/core.c
  | { fn: 'kernel_restart_prepare' }
  | { fn: 'device_shutdown' }
  | { fn: 'machine_restart' }
  // kernel/exit.c, kernel/task_work.c, arch entry code
  | { fn: 'exit_task_work' }
  | { fn: 'exit_to_usermode' };

export type OpName = Op['fn'];
