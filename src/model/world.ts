/**
 * The model's whole state: plain data, so that a state can be copied, compared
 * and used as a key. Names follow the Linux v4.13 structures they stand for.
 * Abstraction: only the fields the NAK's argument needs are kept.
 */
import type { Op } from './ops.ts';

/** Which kind of kernel execution context a task is (PF_KTHREAD decides fput/mntput deferral). */
export type TaskKind = 'user' | 'kthread' | 'worker' | 'timer';

export interface Task {
  readonly name: string;
  readonly kind: TaskKind;
  /** Mount namespace of a user task (current->nsproxy->mnt_ns); null for kernel threads. */
  ns: string | null;
  /** What is left of the task's program: syscalls for a user task, calls for a kernel thread. */
  program: Op[];
  /** The calls the task is in the middle of; the first one runs at the task's next step. */
  stack: Op[];
  /** current->task_works: run on the way back to user mode (kernel/task_work.c); element 0 is the head, the newest. */
  task_works: Op[];
  /** The syscall the task is inside, if any, with what it acts on. */
  syscall: { name: string; mnt: string | null; sb: string | null; ret: number } | null;
  /** For workers and timers: the delayed work they serve. */
  work: WorkId | null;
  /** A task that has called do_exit() or is done with its program. */
  exited: boolean;
}

export interface File {
  readonly id: string;
  f_count: number;
  /** f_path.mnt */
  readonly mnt: string;
  /** __fput() has run: the struct file is gone (file_free), and nothing may touch it again. */
  freed: boolean;
}

export interface Mount {
  readonly id: string;
  /** mnt.mnt_sb */
  readonly sb: string;
  mnt_count: number;
  /** The namespace the mount is attached to; null once umount_tree() has detached it. */
  mnt_ns: string | null;
  /** MNT_DOOMED: the final mntput has happened and cleanup is under way. */
  doomed: boolean;
  /** cleanup_mnt() has run: the struct mount is gone, and nothing may touch it again. */
  freed: boolean;
}

export interface MntNamespace {
  readonly id: string;
  /** Tasks whose nsproxy points here (the namespace's reference count). */
  count: number;
  mounts: string[];
}

/** Superblock lifetime: active while s_active > 0, dying while kill_sb runs, dead after. */
export type SuperState = 'active' | 'dying' | 'dead';

export interface SuperBlock {
  readonly id: string;
  /** s_bdev */
  readonly bdev: string;
  s_active: number;
  state: SuperState;
  /** Set by a filesystem shutdown ioctl (F2FS_IOC_SHUTDOWN): no more device I/O. */
  shutdown: boolean;
}

export interface BlockDevice {
  readonly id: string;
  state: 'alive' | 'shut_down';
}

export type WorkId = 'delayed_fput_work' | 'delayed_mntput_work';

/**
 * A struct delayed_work on system_wq. `pending` mirrors WORK_STRUCT_PENDING:
 * set while the timer is armed or the work is queued, cleared when a worker
 * starts it. `completed` counts finished runs so that flushes can wait for one.
 */
export interface DelayedWork {
  readonly id: WorkId;
  pending: 'timer' | 'queued' | null;
  running: boolean;
  completed: number;
}

/**
 * Which kernel the model runs: stock v4.13; v4.13 with the UMOUNT_WAIT v2
 * patch; or the flag-less variant of one Android vendor 4.14 kernel.
 */
export type KernelVariant = 'v4.13' | 'v4.13+umount-wait-v2' | 'vendor-4.14';

export interface World {
  kernel: KernelVariant;
  tasks: Task[];
  files: Record<string, File>;
  mounts: Record<string, Mount>;
  namespaces: Record<string, MntNamespace>;
  supers: Record<string, SuperBlock>;
  bdevs: Record<string, BlockDevice>;
  /** llist heads: element 0 is the head, so llist_add() puts new entries first. */
  delayed_fput_list: string[];
  delayed_mntput_list: string[];
  works: Record<WorkId, DelayedWork>;
  /** reboot_mutex (kernel/reboot.c): the task holding it, or null. reboot(2) takes it and never gives it back. */
  reboot_mutex: string | null;
  /** system_state (include/linux/kernel.h), as far as reboot moves it. */
  system_state: 'SYSTEM_RUNNING' | 'SYSTEM_RESTART';
  /** Why nothing runs any more: the machine restarted, or the kernel oopsed. */
  halted: null | 'restart' | 'oops';
  /** What went wrong at the oops, for the trace. */
  oops: string | null;
  /** Milestones reached, e.g. "init:umount:returned"; scenarios can wait on them. */
  milestones: string[];
  /** Properties seen so far in this run (sticky, sorted). */
  seen: string[];
}

/** A deep copy of plain data (objects, arrays, strings, numbers, booleans, null): all a World holds. */
function copyData<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyData) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copyData((v as Record<string, unknown>)[k]);
  return out as T;
}

/** A copy of the state for the next step to change (every step works on its own copy). */
export function cloneWorld(w: World): World {
  return copyData(w);
}

/** The canonical key of a state: every field, in a fixed order, so equal states give equal keys. */
export function stateKey(w: World): string {
  return JSON.stringify(w);
}

/** PF_KTHREAD: kernel threads and workqueue workers (timers run in softirq context). */
export function isKthread(t: Task): boolean {
  return t.kind !== 'user';
}
