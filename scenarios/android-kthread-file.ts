/**
 * Android's reboot order today, on a stock v4.13 kernel, with a kernel thread
 * holding a file on /data itself: init tries to unmount, then once more with
 * MNT_FORCE, then issues F2FS_IOC_SHUTDOWN only if /data is still listed in its
 * /proc/mounts, then reboots (system/core init/reboot.cpp). Abstraction: init's
 * retries for a few seconds are two attempts here; the kills, syncs and the
 * /proc/mounts polling between them are not modelled.
 */
import { defineScenario, fput, reboot, shutdownIoctl, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'android-kthread-file',
  title: "Android's order: a kernel thread's file on /data",
  summary: 'A kernel thread holds a file on /data; init unmounts, retries with MNT_FORCE, shuts f2fs down if /data is still mounted, and reboots.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), umount('mnt1', 'MNT_FORCE'), shutdownIoctl('mnt1'), reboot()] },
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  expect: {
    oops: 'never',
    'umount-returned-while-alive': 'never',
    'device-shutdown-under-live-fs': 'never',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
