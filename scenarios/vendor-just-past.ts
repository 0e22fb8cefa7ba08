/**
 * The vendor 4.14 variant in the "just past" situation: delayed_fput() has
 * emptied the list and is about to __fput() when umount(2) begins.
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
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH'), reboot()] },
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
