/**
 * The vendor 4.14 variant (every umount(2) flushes and waits for the delayed
 * fput and mntput work) in the "just before" situation: the kernel thread drops
 * its file only after umount(2) has returned.
 * The kernel thread's file is on another mount of the filesystem, one already
 * detached ("another mount is heading for shutdown", in the NAK's words); init
 * unmounts its own mount with a plain umount(2), as Android's init does.
 */
import { defineScenario, fput, reboot, umount, waitFor } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'vendor-just-before',
  title: 'Vendor variant, just before',
  summary: 'Flag-less vendor variant; the kernel thread drops its file only after umount(2) has returned.',
  kernel: 'vendor-4.14',
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
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), reboot()] },
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
