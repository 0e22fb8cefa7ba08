/**
 * Android's reboot order today, but with a lazy unmount of /data (MNT_DETACH),
 * as init's earliest 2017 versions used as a last resort and as chapter 1's
 * crash does: a kernel thread holds a file on /data; the unmount succeeds at
 * once, /data leaves /proc/mounts, and so the F2FS_IOC_SHUTDOWN is skipped.
 */
import { defineScenario, fput, reboot, shutdownIoctl, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'android-lazy-umount',
  title: "Android's order with a lazy unmount",
  summary: 'A kernel thread holds a file on /data; init unmounts it lazily, shuts f2fs down only if /data is still in its /proc/mounts, and reboots.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH'), shutdownIoctl('mnt1'), reboot()] },
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
