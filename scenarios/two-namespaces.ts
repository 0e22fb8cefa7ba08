/**
 * The misnomer: the filesystem is mounted in two namespaces. umount(UMOUNT_WAIT)
 * in one of them cannot shut it down, because the other namespace's mount holds
 * its own active reference on the superblock. An app in the second namespace
 * outlives the umount (the scenario holds it until umount(2) has returned),
 * finds the filesystem alive and reachable there (statfs(2)), and exits later,
 * which drops that namespace and its mount.
 */
import { defineScenario, exit, reboot, statfs, umount, waitFor } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'two-namespaces',
  title: 'Two namespaces: UMOUNT_WAIT in one of them',
  summary: 'The filesystem is mounted, privately, in two namespaces; init runs umount(UMOUNT_WAIT) in one, then reboots.',
  kernel: 'v4.13+umount-wait-v2',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1', 'ns2'],
    // Private mounts: no mount propagation between the namespaces (with shared or
    // slave mounts, the umount would propagate to the copy).
    mounts: [
      { id: 'mnt1', sb: 'sb1', ns: 'ns1' },
      { id: 'mnt2', sb: 'sb1', ns: 'ns2' },
    ],
    files: [],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'UMOUNT_WAIT'), reboot()] },
    { name: 'app', kind: 'user', ns: 'ns2', program: [waitFor('init:umount:returned'), statfs('mnt2'), exit()] },
  ],
  schedules: {
    'still-usable': {
      schedule: 'init*10 app*3 init*4',
      note: "umount(UMOUNT_WAIT) returns 0 in ns1 while ns2's mount keeps the superblock active; app's statfs(2) in ns2 still reaches it; then reboot shuts the device down under it.",
    },
  },
  expect: {
    oops: 'sometimes',
    'umount-returned-while-alive': 'always',
    'device-shutdown-under-live-fs': 'sometimes',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
