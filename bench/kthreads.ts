/**
 * The scaling family of the explorer bench: N kernel threads, each holding a file on a
 * detached mount, while init unmounts with UMOUNT_WAIT and reboots. The kernel
 * threads are interchangeable, so symmetry reduction has the most to gain here.
 */
import { defineScenario, fput, reboot, umount } from '../src/scenario/define.ts';
import type { Scenario } from '../src/scenario/define.ts';

export function kthreadsScenario(n: number): Scenario {
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  return defineScenario({
    id: `kthreads-${n}`,
    title: `${n} kernel threads`,
    summary: `${n} kernel threads each drop a file on a detached mount while init unmounts with UMOUNT_WAIT and reboots.`,
    kernel: 'v4.13+umount-wait-v2',
    setup: {
      filesystems: [{ bdev: 'sda', sb: 'sb1' }],
      namespaces: ['ns1'],
      mounts: [{ id: 'mnt1', sb: 'sb1', ns: 'ns1' }, { id: 'mnt2', sb: 'sb1', ns: null }],
      files: ids.map((i) => ({ id: `file${i}`, mnt: 'mnt2' })),
    },
    tasks: [
      { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'UMOUNT_WAIT'), reboot()] },
      ...ids.map((i) => ({ name: `kthread${i}`, kind: 'kthread' as const, program: [fput(`file${i}`)] })),
    ],
    expect: { oops: 'sometimes', 'umount-returned-while-alive': 'sometimes', 'device-shutdown-under-live-fs': 'sometimes', 'umount-ran-foreign-fput': 'never', deadlock: 'never' },
  });
}
