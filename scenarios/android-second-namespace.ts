/**
 * Android's reboot order as system/core init/reboot.cpp has it at AOSP commit
 * 2a9a6b56 (authored 14 March 2025): unmount, retry with MNT_FORCE, F2FS_IOC_SHUTDOWN
 * only if /data is still in init's /proc/mounts, reboot with
 * LINUX_REBOOT_CMD_RESTART2; on a stock v4.13 kernel, with /data (mounted -o
 * discard) also mounted privately in a second namespace whose app outlives
 * init's unmount. The unmount succeeds in init's namespace, so the ioctl is
 * skipped. Abstraction: mounts are private, as in the NAK's proof; on Android
 * they are usually shared (chapter 5), and the unmount would propagate.
 */
import { defineScenario, exit, reboot, shutdownIoctlIfMounted, umount, waitFor } from '../src/scenario/define.ts';

export default defineScenario({
  id: 'android-second-namespace',
  title: "Android's order: /data also mounted in a second namespace",
  summary: "/data is mounted privately in init's namespace and an app's; init unmounts, retries, shuts f2fs down only if /data is still in its /proc/mounts, and reboots.",
  kernel: 'v4.13',
  setup: {
    filesystems: [{ bdev: 'sda', sb: 'sb1', discard: true }],
    namespaces: ['ns1', 'ns2'],
    mounts: [
      { id: 'mnt1', sb: 'sb1', ns: 'ns1' },
      { id: 'mnt2', sb: 'sb1', ns: 'ns2' },
    ],
    files: [],
  },
  tasks: [
    { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), umount('mnt1', 'MNT_FORCE'), shutdownIoctlIfMounted('mnt1'), reboot('LINUX_REBOOT_CMD_RESTART2')] },
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
