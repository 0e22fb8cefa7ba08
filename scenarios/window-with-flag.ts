/**
 * The map of the window, with the flag: a kernel thread holds a file on a
 * second, detached mount of the filesystem and drops it at any moment; init
 * runs umount(UMOUNT_WAIT) on its own mount and reboots. Nothing fixes the
 * order: the map (chapter 9) sorts every schedule by where the kernel thread's
 * final fput() falls among init's steps, and by how the run ends.
 */
import { defineScenario, fput, reboot, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'window-with-flag',
  title: 'The window, with UMOUNT_WAIT',
  summary: 'A kernel thread drops its file on a detached second mount at any moment while init runs umount(UMOUNT_WAIT) and reboots.',
  kernel: 'v4.13+umount-wait-v2',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [
      { id: 'mnt1', sb: 'sb1', ns: 'ns1' },
      // Detached earlier (a lazy unmount, or a namespace that is gone): the open file is all that holds it.
      { id: 'mnt2', sb: 'sb1', ns: null },
    ],
    files: [{ id: 'file1', mnt: 'mnt2' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'UMOUNT_WAIT'), reboot()] },
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  marks: {
    'kthread-fput': { description: "where the kernel thread's final fput() falls among init's steps", at: { task: 'kthread', call: 'fput' }, progressOf: 'init' },
    'worker-takes-file': {
      description: "where the worker's llist_del_all() that takes file1 falls among init's steps",
      at: { task: 'kworker:fput', call: 'delayed_fput' },
      when: { onList: 'delayed_fput_list', item: 'file1' },
      progressOf: 'init',
    },
  },
  situations: {
    'flush-takes-file': {
      description: "init's flush_delayed_fput() finds file1 on delayed_fput_list and releases it itself: the flag's window.",
      at: { task: 'init', call: 'flush_delayed_fput' },
      when: { onList: 'delayed_fput_list', item: 'file1' },
      expect: {
        oops: 'never',
        'umount-returned-while-alive': 'never',
        'device-shutdown-under-live-fs': 'never',
        'umount-ran-foreign-fput': 'never',
        deadlock: 'never',
      },
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
