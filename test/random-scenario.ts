/**
 * Small scenarios drawn at random (seeded) from everything validation accepts,
 * for the tests that must hold on any scenario, not only the catalogue's.
 */
import { mulberry32 } from '../src/explore/prng.ts';
import type { Op, UmountFlag } from '../src/model/ops.ts';
import type { KernelVariant } from '../src/model/world.ts';
import { close, defineScenario, exit, fput, reboot, shutdownIoctl, umount, type Scenario, type ScenarioTask } from '../src/scenario/define.ts';

const KERNELS: KernelVariant[] = ['v4.13', 'v4.13+umount-wait-v2', 'vendor-4.14'];
const FLAGS: UmountFlag[][] = [[], ['MNT_DETACH'], ['UMOUNT_WAIT'], ['MNT_FORCE'], ['MNT_DETACH', 'UMOUNT_WAIT']];

export function randomScenario(seed: number): Scenario {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const nss = rand() < 0.5 ? ['ns1'] : ['ns1', 'ns2'];
  const mounts = [
    { id: 'mnt1', sb: 'sb1', ns: 'ns1' as string | null },
    { id: 'mnt2', sb: pick(['sb1', 'sb2']), ns: pick([...nss, null]) as string | null },
  ];
  const files = [{ id: 'file1', mnt: 'mnt1' }, { id: 'file2', mnt: 'mnt2' }];
  const owners = new Map<string, string>();
  const names = ['init', 'app', 'kthread', 'kthread2'];
  const tasks: ScenarioTask[] = [];
  for (const [i, name] of names.entries()) {
    if (i > 1 && rand() < 0.4) continue;
    const kind = name.startsWith('kthread') ? 'kthread' : 'user';
    const ns = kind === 'user' ? (name === 'app' ? pick(nss) : 'ns1') : undefined;
    const program: Op[] = [];
    const len = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < len; k++) {
      const file = pick(files).id;
      if (kind === 'kthread' || rand() < 0.3) {
        if (!owners.has(file)) {
          owners.set(file, name);
          program.push(kind === 'kthread' ? fput(file) : close(file));
        }
        continue;
      }
      const mnt = pick(mounts).id;
      program.push(pick<Op>([umount(mnt, ...pick(FLAGS)), shutdownIoctl(mnt), exit(), reboot()]));
      if (program.at(-1)!.fn === 'sys_reboot' || program.at(-1)!.fn === 'sys_exit') break;
    }
    tasks.push({ name, kind, ...(ns ? { ns } : {}), program });
  }
  // Every namespace needs a user task in it.
  if (!tasks.some((t) => t.ns === 'ns2') && nss.includes('ns2')) tasks.push({ name: 'other', kind: 'user', ns: 'ns2', program: [] });
  return defineScenario({
    id: `random-${seed}`,
    title: 'random',
    summary: 'random',
    kernel: pick(KERNELS),
    setup: { filesystems: [{ bdev: 'sda', sb: 'sb1' }, { bdev: 'sdb', sb: 'sb2' }], namespaces: nss, mounts, files },
    tasks,
    expect: { oops: 'never', 'umount-returned-while-alive': 'never', 'device-shutdown-under-live-fs': 'never', 'umount-ran-foreign-fput': 'never', deadlock: 'never' },
  });
}
