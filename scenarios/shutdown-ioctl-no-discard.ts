/**
 * shutdown-ioctl on a filesystem mounted without -o discard: its checkpoints
 * queue no discards, so, if no earlier FITRIM left discards pending, once
 * F2FS_IOC_SHUTDOWN has stopped them it has nothing left to write, and whatever
 * tears it down later, before or after device_shutdown(), writes nothing. The
 * condition is not one the ioctl can ensure on v4.13: FITRIM (Android's fstrim,
 * in idle maintenance) queues discards whatever the mount options, every f2fs
 * has the discard thread, and f2fs_put_super() issues whatever is queued; the
 * model, which has no FITRIM and gives only -o discard a discard thread, shows
 * the case without them (src/model/fs/f2fs.ts). Nothing left queued is also the
 * state a later kernel's ioctl leaves behind on any f2fs (Linux 6.18's stops
 * the discard thread and drops the queued discards); the model runs v4.13.
 */
import { defineScenario, fput, reboot, shutdownIoctl, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'shutdown-ioctl-no-discard',
  title: 'Shut the filesystem down before reboot (v4.13, no discard)',
  summary: 'As shutdown-ioctl, but the filesystem is mounted without -o discard, so the ioctl leaves nothing queued.',
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
