/**
 * What Android's init does now: try to unmount; whether or not that worked
 * (a busy filesystem gives -EBUSY), shut the filesystem down with an ioctl,
 * then reboot. The kernel thread's deferred cleanup can still run late, but a
 * shut-down filesystem issues no device I/O.
 */
import { defineScenario, fput, reboot, shutdownIoctl, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'shutdown-ioctl',
  title: 'Shut the filesystem down before reboot',
  summary: 'A kernel thread holds a file; init tries umount, issues F2FS_IOC_SHUTDOWN, then reboots.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), shutdownIoctl('mnt1'), reboot()] },
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
