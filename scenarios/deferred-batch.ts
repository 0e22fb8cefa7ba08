/**
 * Deferred release on its own, with no unmount and no reboot: two kernel
 * threads each drop the last reference to a file on a mount that is already
 * detached. Neither can use task_work, so both files go on delayed_fput_list;
 * llist_add() arms delayed_fput_work's timer only when it finds the list empty,
 * so one timer serves a batch. The worker that releases the files is a kernel
 * thread too, so the mount's last reference is deferred again, to
 * delayed_mntput_work, before the superblock is finally shut down.
 */
import { defineScenario, fput } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'deferred-batch',
  title: 'Two kernel threads let go of their files',
  summary: 'Two kernel threads drop the last references to two files on a detached mount; nothing unmounts, nothing reboots.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: [],
    mounts: [
      // Detached earlier (a lazy unmount, or a namespace that is gone): the two open files are all that hold it.
      { id: 'mnt1', sb: 'sb1', ns: null },
    ],
    files: [
      { id: 'file1', mnt: 'mnt1' },
      { id: 'file2', mnt: 'mnt1' },
    ],
  },
  tasks: [
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
    { name: 'kthread2', kind: 'kthread', program: [fput('file2')] },
  ],
  schedules: {
    'one-batch': {
      schedule: 'kthread kthread2 timer:fput kworker:fput*7 timer:mntput kworker:mntput*6',
      note: 'The second llist_add() finds the list already holding file1, so it arms no timer; one run of delayed_fput() releases both files, and the mount is cleaned up by a second work item.',
    },
    'two-batches': {
      schedule: 'kthread timer:fput kworker:fput*2 kthread2 kworker:fput*3 timer:fput kworker:fput*5 timer:mntput kworker:mntput*6',
      note: "file2 arrives after the worker's llist_del_all() took file1: the list was empty again, so it arms the timer a second time and a second run of delayed_fput() releases it.",
    },
  },
  expect: {
    oops: 'never',
    'umount-returned-while-alive': 'never',
    'device-shutdown-under-live-fs': 'never',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
