/**
 * A kernel thread holds a file on the filesystem. init detaches the mount
 * (MNT_DETACH), so umount(2) succeeds while the file pins the mount, and then
 * reboots. The kernel thread's final fput is deferred twice: to
 * delayed_fput_work, whose worker's mntput is deferred to delayed_mntput_work.
 */
import { defineScenario, fput, reboot, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'kthread-lazy-umount',
  title: 'A kernel thread holds a file; lazy umount; reboot',
  summary: 'A kernel thread holds a file on the filesystem; init lazily unmounts it and reboots, on a stock kernel.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH'), reboot()] },
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  schedules: {
    'reboot-crash': {
      schedule: 'init*8 kthread timer:fput kworker:fput*4 timer:mntput kworker:mntput*5',
      note: 'umount(2) returns while the file pins the mount; reboot shuts the device down; then the kernel thread lets go and the deferred cleanup writes to the dead device.',
    },
    'kthread-first': {
      schedule: 'kthread timer:fput kworker:fput*5 init*13',
      note: 'The deferred fput finishes before umount(2) starts, so init drops the last reference itself and the filesystem is shut down before reboot.',
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
