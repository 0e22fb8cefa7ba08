/**
 * The kthread-lazy-umount situation with one step added: init shuts the
 * filesystem down with F2FS_IOC_SHUTDOWN while it is still mounted, then
 * unmounts lazily and reboots. The kernel thread's deferred cleanup can still
 * run after device_shutdown(), but a shut-down filesystem writes nothing.
 */
import { defineScenario, fput, reboot, shutdownIoctl, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'shutdown-ioctl',
  title: 'Shut the filesystem down before reboot',
  summary: 'As kthread-lazy-umount, but init first shuts the filesystem down with F2FS_IOC_SHUTDOWN.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [shutdownIoctl('mnt1'), umount('mnt1', 'MNT_DETACH'), reboot()] },
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  expect: {
    oops: 'never',
    'umount-returned-while-alive': 'sometimes',
    'device-shutdown-under-live-fs': 'never',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
