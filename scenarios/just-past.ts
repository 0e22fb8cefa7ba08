/**
 * "Just past": delayed_fput() on a worker has already taken file1 off the list
 * with llist_del_all() and is about to call __fput() when umount(UMOUNT_WAIT)
 * begins. The pinned schedule is the NAK's CPU1/CPU2 trace.
 * The kernel thread's file is on another mount of the filesystem, one already
 * detached ("another mount is heading for shutdown", in the NAK's words); init
 * unmounts its own mount with umount(UMOUNT_WAIT) (no MNT_DETACH), then reboots.
 */
import { defineScenario, fput, reboot, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'just-past',
  title: 'Just past: delayed_fput() has emptied the list',
  summary: 'A worker has run llist_del_all() on delayed_fput_list and is about to __fput() when umount(UMOUNT_WAIT) begins.',
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
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  prelude: 'kthread timer:fput kworker:fput*2',
  expect: {
    oops: 'sometimes',
    'umount-returned-while-alive': 'sometimes',
    'device-shutdown-under-live-fs': 'sometimes',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
  schedules: {
    'nak-trace': {
      schedule: 'init*6 kworker:fput*3 init*8 timer:mntput kworker:mntput*5',
      note: "The NAK's trace: the flush finds the list empty, waits for delayed_fput, whose mntput arms delayed_mntput_work's timer; umount(2) returns, reboot shuts the device down, then the deferred mntput runs.",
    },
  },
});
