/**
 * A combination that never shipped: Android's reboot order of 2022 on (the
 * F2FS_IOC_SHUTDOWN when /data is still in /proc/mounts), but with the lazy
 * unmount (MNT_DETACH) that init used as a last resort only in March 2017 (AOSP
 * system/core 8d01f63f, 13 March, to 3ee0df9b, 27 March, which kept it for
 * emulated partitions only), and that chapter 1's crash uses. A kernel thread
 * holds a file on /data (mounted -o discard); the unmount succeeds at once,
 * /data leaves /proc/mounts, and so the ioctl is skipped. On a stock v4.13
 * kernel; init reboots with LINUX_REBOOT_CMD_RESTART2.
 */
import { defineScenario, fput, reboot, shutdownIoctlIfMounted, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'android-lazy-umount',
  title: "Android's order with a lazy unmount (never shipped together)",
  summary: 'A kernel thread holds a file on /data; init unmounts it lazily, shuts f2fs down only if /data is still in its /proc/mounts, and reboots.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1', discard: true }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH'), shutdownIoctlIfMounted('mnt1'), reboot('LINUX_REBOOT_CMD_RESTART2')] },
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  expect: {
    oops: 'sometimes',
    'umount-returned-while-alive': 'sometimes',
    'device-shutdown-under-live-fs': 'sometimes',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
