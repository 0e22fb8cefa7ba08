/**
 * What a scenario is: a small machine (devices, mounts, open files), the
 * programs its tasks run, and the verdict it expects for each property, as
 * the kernel's litmus tests state theirs ("Result: Sometimes").
 */
import type { Op, UmountFlag } from '../model/ops.ts';
import type { KernelVariant } from '../model/world.ts';

export type Verdict = 'always' | 'sometimes' | 'never';
export const VERDICTS: readonly Verdict[] = ['always', 'sometimes', 'never'];

export interface ScenarioSetup {
  /** One filesystem per block device: `{ bdev: 'sda', sb: 'sb1' }`. */
  readonly filesystems: ReadonlyArray<{ readonly bdev: string; readonly sb: string }>;
  readonly namespaces: readonly string[];
  /**
   * A mount of superblock `sb`, attached in namespace `ns`; or, with `ns: null`, a mount
   * already detached (lazily unmounted earlier, or left by a namespace that is gone) that
   * only its open files keep alive.
   */
  readonly mounts: ReadonlyArray<{ readonly id: string; readonly sb: string; readonly ns: string | null }>;
  /** An open file on mount `mnt`, with one reference (held by whichever task fputs it). */
  readonly files: ReadonlyArray<{ readonly id: string; readonly mnt: string }>;
}

export interface ScenarioTask {
  readonly name: string;
  readonly kind: 'user' | 'kthread';
  /** The mount namespace of a user task. */
  readonly ns?: string;
  readonly program: readonly Op[];
}

export interface PinnedSchedule {
  readonly schedule: string;
  /** What this interleaving shows, in one sentence. */
  readonly note: string;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly kernel: KernelVariant;
  readonly setup: ScenarioSetup;
  readonly tasks: readonly ScenarioTask[];
  /** Steps run before exploring: they bring the machine to the moment the scenario is about. */
  readonly prelude?: string;
  readonly expect: Readonly<Record<string, Verdict>>;
  readonly schedules?: Readonly<Record<string, PinnedSchedule>>;
}

/** Identity at run time; it gives scenario files their type. Validation happens on load. */
export function defineScenario(s: Scenario): Scenario {
  return s;
}

// Program steps, named after the syscalls and kernel calls they make.
export const umount = (mnt: string, ...flags: UmountFlag[]): Op => ({ fn: 'sys_umount', mnt, flags });
export const reboot = (): Op => ({ fn: 'sys_reboot' });
export const exit = (): Op => ({ fn: 'sys_exit' });
export const shutdownIoctl = (mnt: string): Op => ({ fn: 'sys_ioctl_shutdown', mnt });
export const fput = (file: string): Op => ({ fn: 'fput', file });
/** Hold the task back until a milestone ("init:umount:returned"): a scenario's way to fix an order. */
export const waitFor = (milestone: string): Op => ({ fn: 'wait_for', milestone });
