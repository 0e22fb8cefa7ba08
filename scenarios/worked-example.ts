/**
 * The reference chapter's worked example: an app in init's namespace has a file
 * open on /data and closes it at some moment; init unmounts /data and reboots,
 * on a stock kernel. A user task's last fput() is finished before its close
 * returns (task_work), so nothing is deferred to a worker here; what can go
 * wrong is that init's umount(2) comes first, fails with -EBUSY, and the reboot
 * shuts the device down under a filesystem that is still mounted.
 */
import { close, defineScenario, reboot, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'worked-example',
  title: 'An app closes its file while init unmounts and reboots',
  summary: 'An app closes its file on /data at some moment; init unmounts /data and reboots, on a stock kernel.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), reboot()] },
    { name: 'app', kind: 'user', ns: 'ns1', program: [close('file1')] },
  ],
  situations: {
    'still-open': {
      description: 'The app has not closed its file yet when umount(2) begins.',
      at: { task: 'init', call: 'sys_umount' },
      when: { task: 'app', at: 'sys_close' },
      expect: {
        oops: 'never',
        'umount-returned-while-alive': 'never',
        // Not "always": the app may still close its file between umount(2)'s lookup and do_umount().
        'device-shutdown-under-live-fs': 'sometimes',
        'umount-ran-foreign-fput': 'never',
        deadlock: 'never',
      },
    },
  },
  expect: {
    oops: 'never',
    'umount-returned-while-alive': 'never',
    'device-shutdown-under-live-fs': 'sometimes',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
