/**
 * The vendor 4.14 variant (every umount(2) flushes and waits for the delayed
 * fput and mntput work) in the "just before" situation: the kernel thread drops
 * its file only after umount(2) has returned.
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
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH'), reboot()] },
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
