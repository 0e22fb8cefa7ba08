/**
 * "Just before": the kernel thread still holds its file while umount(UMOUNT_WAIT)
 * runs, and drops it only after umount(2) has returned. The scenario holds the
 * kernel thread back until then; that stands for a thread still busy with the file.
 * The kernel thread's file is on another mount of the filesystem, one already
 * detached ("another mount is heading for shutdown", in the NAK's words); init
 * unmounts its own mount with umount(UMOUNT_WAIT) (no MNT_DETACH), then reboots.
 */
import { defineScenario, fput, reboot, umount, waitFor } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'just-before',
  title: 'Just before: the kernel thread has not dropped its file yet',
  summary: 'The kernel thread drops its file only after umount(UMOUNT_WAIT) has returned.',
  kernel: 'v4.13+umount-wait-v2',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [
      { id: 'mnt1', sb: 'sb1', ns: 'ns1' },
      // Another mount of the same filesystem, already detached (left, say, by a
      // namespace that is gone): the kernel thread's open file is all that holds it.
      { id: 'mnt2', sb: 'sb1', ns: null },
    ],
    files: [{ id: 'file1', mnt: 'mnt2' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'UMOUNT_WAIT'), reboot()] },
    { name: 'kthread', kind: 'kthread', program: [waitFor('init:umount:returned'), fput('file1')] },
  ],
  expect: {
    oops: 'sometimes',
    'umount-returned-while-alive': 'always',
    'device-shutdown-under-live-fs': 'sometimes',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
