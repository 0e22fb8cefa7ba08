/**
 * What a scenario is: a small machine (devices, mounts, open files), the
 * programs its tasks run, and the verdict it expects for each property, as
 * the kernel's litmus tests state theirs ("Result: Sometimes").
 */
import type { Op, RebootCmd, UmountFlag } from '../model/ops.ts';
import type { KernelVariant } from '../model/world.ts';

export type Verdict = 'always' | 'sometimes' | 'never';
export const VERDICTS: readonly Verdict[] = ['always', 'sometimes', 'never'];

export interface ScenarioSetup {
  /**
   * One f2fs filesystem per block device: `{ bdev: 'sda', sb: 'sb1' }`; with
   * `discard: true` it is mounted with -o discard, and the machine has its
   * discard thread, a kernel thread named `f2fs-discard:<bdev>`.
   */
  readonly filesystems: ReadonlyArray<{ readonly bdev: string; readonly sb: string; readonly discard?: boolean }>;
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

/**
 * A condition on the state at one instant, as data (so that it replays,
 * serialises into a link and runs in a worker). A small vocabulary over the
 * scenario's named objects.
 */
export type Condition =
  /** The file (or mount) is on delayed_fput_list (or delayed_mntput_list). */
  | { readonly onList: 'delayed_fput_list' | 'delayed_mntput_list'; readonly item: string }
  /** The delayed work's timer is armed, or its work is queued, running, or none of these. */
  | { readonly work: 'delayed_fput_work' | 'delayed_mntput_work'; readonly is: 'timer-armed' | 'queued' | 'running' | 'idle' }
  /** Another task is about to make this call (the op's kernel name, e.g. '__fput'). */
  | { readonly task: string; readonly at: string }
  /** A superblock's lifetime state. */
  | { readonly sb: string; readonly state: 'active' | 'dying' | 'dead' }
  | { readonly not: Condition }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] };

/**
 * A situation: verdicts over just the runs in which `when` holds at the
 * instant `at.task` first makes the call `at.call`. A run in which that step
 * happens while `when` is false, or never happens, is cut and counts for
 * nothing; a situation no run meets is an error, never a vacuous "never".
 */
export interface Situation {
  /** One sentence, as the chapters and the report show it. */
  readonly description: string;
  readonly at: { readonly task: string; readonly call: string };
  readonly when: Condition;
  readonly expect: Readonly<Record<string, Verdict>>;
}

/**
 * A mark: a step to locate in every run (its first occurrence, and, with
 * `when`, only while that holds), measured by how far task `progressOf` has
 * got when it happens. A map (chapter 9) sorts the schedules by it.
 */
export interface Mark {
  readonly description: string;
  readonly at: { readonly task: string; readonly call: string };
  readonly when?: Condition;
  readonly progressOf: string;
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
  /** Named situations: the same scenario, judged over the runs that meet a condition at a step. */
  readonly situations?: Readonly<Record<string, Situation>>;
  /** Named marks, for maps: where a step falls among another task's steps. */
  readonly marks?: Readonly<Record<string, Mark>>;
}

/** Identity at run time; it gives scenario files their type. Validation happens on load. */
export function defineScenario(s: Scenario): Scenario {
  return s;
}

// Program steps, named after the syscalls and kernel calls they make.
export const umount = (mnt: string, ...flags: UmountFlag[]): Op => ({ fn: 'sys_umount', mnt, flags });
/** reboot(2): LINUX_REBOOT_CMD_RESTART, unless told otherwise (Android's init uses LINUX_REBOOT_CMD_RESTART2). */
export const reboot = (cmd?: RebootCmd): Op => (cmd ? { fn: 'sys_reboot', cmd } : { fn: 'sys_reboot' });
export const exit = (): Op => ({ fn: 'sys_exit' });
/** F2FS_IOC_SHUTDOWN (F2FS_GOING_DOWN_FULLSYNC) on a mount point, unconditionally. */
export const shutdownIoctl = (mnt: string): Op => ({ fn: 'sys_ioctl_shutdown', mnt });
/** Android's init: read /proc/mounts, and issue F2FS_IOC_SHUTDOWN only if the mount is listed there. */
export const shutdownIoctlIfMounted = (mnt: string): Op => ({ fn: 'IsDataMounted', mnt });
/** statfs(2) on a mount point: shows whether the filesystem is still reachable from the task's namespace. */
export const statfs = (mnt: string): Op => ({ fn: 'sys_statfs', mnt });
/** A kernel thread's fput(); a user task closes its file with close() instead. */
export const fput = (file: string): Op => ({ fn: 'fput', file });
/** close(2): a user task drops its file, and its task_work runs as the syscall returns. */
export const close = (file: string): Op => ({ fn: 'sys_close', file });
/** Hold the task back until a milestone ("init:umount:returned"): a scenario's way to fix an order. */
export const waitFor = (milestone: string): Op => ({ fn: 'wait_for', milestone });
