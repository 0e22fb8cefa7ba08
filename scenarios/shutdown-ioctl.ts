/**
 * The kthread-lazy-umount situation with one step added: init shuts the
 * filesystem down with F2FS_IOC_SHUTDOWN while it is still mounted, then
 * unmounts lazily and reboots, on a stock v4.13 kernel. The filesystem is
 * mounted with -o discard, as Android mounts /data. The ioctl stops the
 * filesystem's checkpoints, but on v4.13 not its discard thread. On a device,
 * the checkpoints before and during the ioctl (init's sync(), the freeze's sync
 * if the filesystem is still dirty) queue discards; in the model they are
 * queued only by the ioctl (an abstraction, src/model/fs/f2fs.ts). Those still
 * queued when it returns can reach the device after device_shutdown(), from
 * that thread or from the teardown (f2fs_put_super()), which the kernel
 * thread's deferred cleanup can still run then. shutdown-ioctl-no-discard is
 * the same machine without -o discard.
 */
import { defineScenario, fput, reboot, shutdownIoctl, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'shutdown-ioctl',
  title: 'Shut the filesystem down before reboot (v4.13, -o discard)',
  summary: 'As kthread-lazy-umount, with the filesystem mounted -o discard, but init first shuts it down with F2FS_IOC_SHUTDOWN.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1', discard: true }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [shutdownIoctl('mnt1'), umount('mnt1', 'MNT_DETACH'), reboot()] },
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  schedules: {
    'discard-thread-after-shutdown': {
      schedule: 'init*10 f2fs-discard:sda',
      note: 'The ioctl stops the checkpoints, but the discards its checkpoint queued wait for the discard thread, which issues them after device_shutdown().',
    },
    'teardown-issues-discards': {
      schedule: 'init*10 kthread timer:fput kworker:fput*4 timer:mntput kworker:mntput*5',
      note: "The kernel thread's deferred cleanup tears the superblock down after device_shutdown(): no checkpoint, but f2fs_put_super() issues the queued discards.",
    },
    'discards-issued-first': {
      schedule: 'init*2 f2fs-discard:sda init*8 kthread timer:fput kworker:fput*4 timer:mntput kworker:mntput*5 init',
      note: 'The discard thread empties the queue before device_shutdown(): the later teardown writes nothing, and the machine restarts.',
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
