/**
 * "Just before": the kernel thread still holds its file while umount(UMOUNT_WAIT)
 * runs, and drops it only after umount(2) has returned. The scenario holds the
 * kernel thread back until then; that stands for a thread still busy with the file.
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
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH', 'UMOUNT_WAIT'), reboot()] },
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
