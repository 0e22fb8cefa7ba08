/**
 * Android's reboot order as system/core init/reboot.cpp has it at AOSP commit
 * 2a9a6b56 (authored 14 March 2025): unmount, retry with MNT_FORCE, F2FS_IOC_SHUTDOWN
 * only if /data is still in init's /proc/mounts, reboot with
 * LINUX_REBOOT_CMD_RESTART2; on a stock v4.13 kernel, with /data mounted -o
 * discard, when a second mount of the same filesystem, already detached, is
 * held by a kernel thread's open file ("another mount heading for shutdown").
 * init's own mount is not busy, so its unmount succeeds and the ioctl is skipped.
 */
import { defineScenario, fput, reboot, shutdownIoctlIfMounted, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'android-second-mount',
  title: "Android's order: a kernel thread's file on a second, detached mount",
  summary: "A kernel thread holds a file on a detached second mount of /data's filesystem; init unmounts, retries, shuts f2fs down only if /data is still in its /proc/mounts, and reboots.",
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1', discard: true }],
    namespaces: ['ns1'],
    mounts: [
      { id: 'mnt1', sb: 'sb1', ns: 'ns1' },
      // Detached earlier (a lazy unmount, or a namespace that is gone): the open file is all that holds it.
      { id: 'mnt2', sb: 'sb1', ns: null },
    ],
    files: [{ id: 'file1', mnt: 'mnt2' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), umount('mnt1', 'MNT_FORCE'), shutdownIoctlIfMounted('mnt1'), reboot('LINUX_REBOOT_CMD_RESTART2')] },
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  schedules: {
    'ioctl-skipped': {
      schedule: 'init*14 kthread timer:fput kworker:fput*4 timer:mntput kworker:mntput*5',
      note: "init's unmount succeeds, so /data is not in its /proc/mounts and no ioctl is made; the kernel thread's second mount is torn down after device_shutdown().",
    },
  },
  expect: {
    oops: 'sometimes',
    'umount-returned-while-alive': 'sometimes',
    'device-shutdown-under-live-fs': 'sometimes',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
