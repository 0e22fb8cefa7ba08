/** The vendor 4.14 variant with the filesystem mounted in two namespaces. */
import { defineScenario, exit, reboot, umount, waitFor } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'vendor-two-namespaces',
  title: 'Vendor variant, two namespaces',
  summary: 'Flag-less vendor variant; the filesystem is mounted, privately, in two namespaces and init unmounts it in one.',
  kernel: 'vendor-4.14',
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
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), reboot()] },
    { name: 'app', kind: 'user', ns: 'ns2', program: [waitFor('init:umount:returned'), exit()] },
  ],
  expect: {
    oops: 'sometimes',
    'umount-returned-while-alive': 'always',
    'device-shutdown-under-live-fs': 'sometimes',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
