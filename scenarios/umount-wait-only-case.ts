/**
 * The main window in which the model finds the flag making a difference (our
 * finding, not the patch's words): the kernel thread's final fput has
 * already put file1 on delayed_fput_list and armed the timer, and no worker
 * has started, when umount(UMOUNT_WAIT) begins. The flush helps only if it
 * runs before the timer fires; if a worker takes the list first, this is the
 * "just past" case again.
 * The kernel thread's file is on another mount of the filesystem, one already
 * detached ("another mount is heading for shutdown", in the NAK's words); init
 * unmounts its own mount with umount(UMOUNT_WAIT) (no MNT_DETACH), then reboots.
 */
import { defineScenario, fput, reboot, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'umount-wait-only-case',
  title: "UMOUNT_WAIT's own case: the file is waiting on delayed_fput_list",
  summary: 'The final fput is on delayed_fput_list (timer armed, worker not started) when umount(UMOUNT_WAIT) begins; the timer may still fire before the flush.',
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
  prelude: 'kthread',
  schedules: {
    'flush-wins': {
      schedule: 'init*19',
      note: "init's flush_delayed_fput() takes the file before the timer fires, so init itself drops the last mount reference and shuts the filesystem down before umount(2) returns.",
    },
    'timer-first': {
      schedule: 'init*4 timer:fput kworker:fput*2 init kworker:fput*3 init*8 timer:mntput kworker:mntput*5',
      note: "The timer fires after umount(2) has begun and a worker takes file1 off the list just before init's flush_delayed_fput() looks: the flush finds nothing, the worker's mntput defers the cleanup behind a fresh timer, and the oops follows the reboot.",
    },
  },
  situations: {
    'on-list-at-umount': {
      description: 'file1 is still on delayed_fput_list when umount(2) begins.',
      at: { task: 'init', call: 'sys_umount' },
      when: { onList: 'delayed_fput_list', item: 'file1' },
      expect: {
        oops: 'sometimes',
        'umount-returned-while-alive': 'sometimes',
        'device-shutdown-under-live-fs': 'sometimes',
        'umount-ran-foreign-fput': 'never',
        deadlock: 'never',
      },
    },
    'on-list-at-drain': {
      description: "file1 is still on delayed_fput_list at the instant init's flush_delayed_fput() drains it.",
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
    'mntput-queued-at-flush': {
      description: "The mount's deferred cleanup (delayed_mntput_work) is already queued when init calls flush_scheduled_work(), so the flush waits for it.",
      at: { task: 'init', call: 'flush_scheduled_work' },
      when: { work: 'delayed_mntput_work', is: 'queued' },
      expect: {
        oops: 'never',
        'umount-returned-while-alive': 'never',
        'device-shutdown-under-live-fs': 'never',
        'umount-ran-foreign-fput': 'never',
        deadlock: 'never',
      },
    },
    'taken-before-drain': {
      description: "A worker has already taken file1 off delayed_fput_list when init's flush_delayed_fput() runs.",
      at: { task: 'init', call: 'flush_delayed_fput' },
      when: { not: { onList: 'delayed_fput_list', item: 'file1' } },
      expect: {
        oops: 'sometimes',
        'umount-returned-while-alive': 'sometimes',
        'device-shutdown-under-live-fs': 'sometimes',
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
