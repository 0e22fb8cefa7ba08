/**
 * Userland's first answer, on a stock v4.13 kernel: a kernel thread holds a file
 * on the filesystem; init retries a plain umount(2), the last time with
 * MNT_FORCE (which f2fs and ext4 treat as a plain unmount), then reboots. A
 * retry helps when the kernel thread has let go in between; when it has not,
 * init reboots with the filesystem mounted, and the device is shut down under it.
 */
import { defineScenario, fput, reboot, umount } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'umount-retries',
  title: 'Retrying umount(2), the last time with MNT_FORCE',
  summary: 'A kernel thread holds a file; init tries umount(2), retries with MNT_FORCE, and reboots whether or not either succeeded.',
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1' }],
    namespaces: ['ns1'],
    mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }],
    files: [{ id: 'file1', mnt: 'mnt1' }],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), umount('mnt1', 'MNT_FORCE'), reboot()] },
    { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
  ],
  expect: {
    // No teardown, so no write, ever reaches the dead device: a mount still attached is never
    // torn down by the kernel thread's release. That "never" rests on the model's abstraction
    // that a live filesystem does no background I/O (src/model/block/bio.ts).
    oops: 'never',
    'umount-returned-while-alive': 'never',
    'device-shutdown-under-live-fs': 'sometimes',
    'umount-ran-foreign-fput': 'never',
    deadlock: 'never',
  },
});
