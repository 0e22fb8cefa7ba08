/**
 * Nothing else holds the filesystem: umount(2) drops the last mount reference
 * in init itself, so cleanup_mnt runs as task_work and the filesystem is shut
 * down before umount(2) returns. Then reboot.
 */
import { defineScenario, reboot, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'baseline-umount',
  title: 'Plain umount, then reboot',
  summary: 'One namespace, nothing else holds the filesystem; init unmounts it and reboots.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [],
  },
  tasks: [{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), reboot()] }],
  schedules: {
    'umount-then-reboot': {
      schedule: 'init*13',
      note: 'init is the only task: the last mount reference is its own, so cleanup_mnt runs as task_work before umount(2) returns.',
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
