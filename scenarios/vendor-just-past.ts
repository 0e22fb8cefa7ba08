/**
 * The vendor 4.14 variant in the "just past" situation: delayed_fput() has
 * emptied the list and is about to __fput() when umount(2) begins.
 * The kernel thread's file is on another mount of the filesystem, one already
 * detached ("another mount is heading for shutdown", in the NAK's words); init
 * unmounts its own mount with a plain umount(2), as Android's init does.
 */
import { defineScenario, fput, reboot, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'vendor-just-past',
  title: 'Vendor variant, just past',
  summary: 'Flag-less vendor variant; a worker has emptied delayed_fput_list and is about to __fput() when umount(2) begins.',
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
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  prelude: 'kthread timer:fput kworker:fput*2',
  expect: {
    oops: 'never',
    'umount-returned-while-alive': 'never',
    'device-shutdown-under-live-fs': 'never',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
