/**
 * The map of the window, on a stock kernel: a kernel thread holds a file on a
 * second, detached mount of the filesystem and drops it at any moment; init
 * runs a plain umount(2) on its own mount and reboots. Nothing fixes the
 * order: the map (chapter 9) sorts every schedule by where the kernel thread's
 * final fput() falls among init's steps, and by how the run ends.
 */
import { defineScenario, fput, reboot, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'window-without-flag',
  title: 'The window, without the flag',
  summary: 'A kernel thread drops its file on a detached second mount at any moment while init runs a plain umount(2) and reboots.',
  kernel: 'v4.13',
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
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), reboot()] },
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
  expect: {
    oops: 'sometimes',
    'umount-returned-while-alive': 'sometimes',
    'device-shutdown-under-live-fs': 'sometimes',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
