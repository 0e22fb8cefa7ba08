/**
 * The window the flag was written for: the kernel thread's final fput has
 * already put file1 on delayed_fput_list and armed the timer, and no worker
 * has started, when umount(UMOUNT_WAIT) begins.
 */
import { defineScenario, fput, reboot, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'umount-wait-only-case',
  title: "UMOUNT_WAIT's own case: the file is waiting on delayed_fput_list",
  summary: 'The final fput is on delayed_fput_list (timer armed, worker not started) when umount(UMOUNT_WAIT) begins.',
  kernel: 'v4.13+umount-wait-v2',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH', 'UMOUNT_WAIT'), reboot()] },
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  prelude: 'kthread',
  expect: {
    oops: 'sometimes',
    'umount-returned-while-alive': 'sometimes',
    'device-shutdown-under-live-fs': 'sometimes',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
