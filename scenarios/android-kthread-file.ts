/**
 * Android's reboot order as system/core init/reboot.cpp has it at AOSP commit
 * 2a9a6b56 (authored 14 March 2025), on a stock v4.13 kernel, with a kernel thread
 * holding a file on /data itself: init tries to unmount, then once more with
 * MNT_FORCE, then reads /proc/mounts and issues F2FS_IOC_SHUTDOWN only if /data
 * is still listed there, then reboots with LINUX_REBOOT_CMD_RESTART2. /data is
 * mounted -o discard, as Android mounts it, so the ioctl's checkpoint queues
 * discards that v4.13's discard thread can issue after device_shutdown().
 * Abstraction: init's retries for a few seconds are two attempts here (what an
 * eng build, whose timeout is zero, does: one plain attempt, then MNT_FORCE);
 * the kills, syncs and the /proc/mounts polling between them are not modelled.
 */
import { defineScenario, fput, reboot, shutdownIoctlIfMounted, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'android-kthread-file',
  title: "Android's order: a kernel thread's file on /data",
  summary: 'A kernel thread holds a file on /data (mounted -o discard); init unmounts, retries with MNT_FORCE, shuts f2fs down if /data is still in its /proc/mounts, and reboots.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1', discard: true }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), umount('mnt1', 'MNT_FORCE'), shutdownIoctlIfMounted('mnt1'), reboot('LINUX_REBOOT_CMD_RESTART2')] },
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  schedules: {
    'discards-after-shutdown': {
      schedule: 'init*14 f2fs-discard:sda',
      note: 'Both unmounts fail, init shuts /data down and reboots; the discard thread issues the discards the ioctl queued after device_shutdown().',
    },
  },
  expect: {
    // Both unmounts fail, /data stays in /proc/mounts, and the ioctl stops the checkpoints; but on v4.13
    // the discards its own checkpoint queued are left to the discard thread, which may issue them after
    // device_shutdown() (in the model, at any later step; on a device, only once f2fs's idle interval,
    // 5 s by default, has passed since the ioctl). No teardown ever runs: the mount stays attached.
    oops: 'sometimes',
    'umount-returned-while-alive': 'never',
    'device-shutdown-under-live-fs': 'sometimes',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
