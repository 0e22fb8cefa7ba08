/**
 * "Doesn't belong in umount(2)": UMOUNT_WAIT flushes every pending final fput,
 * whatever filesystem it is on. Here a kernel thread's file on another
 * filesystem (sdb) is waiting on delayed_fput_list when init unmounts sda.
 */
import { defineScenario, fput, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'unrelated-flush',
  title: 'UMOUNT_WAIT runs the final fput of a file on another filesystem',
  summary: "A file on sdb waits on delayed_fput_list while init runs umount(UMOUNT_WAIT) on sda's filesystem.",
  kernel: 'v4.13+umount-wait-v2',
  setup: {
    filesystems: [
      { bdev: 'sda', sb: 'sb1' },
      { bdev: 'sdb', sb: 'sb2' },
    ],
    namespaces: ['ns1'],
    mounts: [
      { id: 'mnt1', sb: 'sb1', ns: 'ns1' },
      { id: 'mnt2', sb: 'sb2', ns: 'ns1' },
    ],
    files: [{ id: 'file2', mnt: 'mnt2' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'UMOUNT_WAIT')] },
    { name: 'kthread', kind: 'kthread', program: [fput('file2')] },
  ],
  prelude: 'kthread',
  schedules: {
    'foreign-fput': {
      schedule: 'init*13 timer:fput kworker:fput*3',
      note: "init's umount(UMOUNT_WAIT) of sda's filesystem drains delayed_fput_list and runs the final __fput() of a file on sdb, in init, before it returns.",
    },
  },
  expect: {
    oops: 'never',
    'umount-returned-while-alive': 'never',
    'device-shutdown-under-live-fs': 'never',
    'umount-ran-foreign-fput': 'sometimes',
    deadlock: 'never',
  },
});
