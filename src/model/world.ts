/**
 * The model's whole state: plain data, so that a state can be copied, compared
 * and used as a key (the explorer's key is in src/explore/state-key.ts). Names follow the Linux v4.13 structures they stand for.
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

/** Each record copied entry by entry, field by field (a literal of known shape is the quickest copy). */
function copyEach<T>(r: Record<string, T>, copy: (x: T) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k in r) out[k] = copy(r[k]!);
  return out;
}

const copyFile = (f: File): File => ({ id: f.id, f_count: f.f_count, mnt: f.mnt, freed: f.freed });
const copyMount = (m: Mount): Mount => ({ id: m.id, sb: m.sb, mnt_count: m.mnt_count, mnt_ns: m.mnt_ns, doomed: m.doomed, freed: m.freed });
const copyNamespace = (n: MntNamespace): MntNamespace => ({ id: n.id, count: n.count, mounts: n.mounts.slice() });
const copySuper = (s: SuperBlock): SuperBlock => ({ id: s.id, bdev: s.bdev, s_active: s.s_active, state: s.state, shutdown: s.shutdown });
const copyBdev = (b: BlockDevice): BlockDevice => ({ id: b.id, state: b.state });
const copyWork = (w: DelayedWork): DelayedWork => ({ id: w.id, pending: w.pending, running: w.running, completed: w.completed });

function copyTask(t: Task): Task {
  return { name: t.name, kind: t.kind, ns: t.ns, work: t.work, exited: t.exited, program: t.program.slice(), stack: t.stack.slice(), task_works: t.task_works.slice(), syscall: t.syscall && { ...t.syscall } };
}

/**
 * A copy of the state for the next step to change (every step works on its own
 * copy). Field by field: every object a step may change is copied, and ops,
 * which no step changes (they are data that tasks consume), are shared. Given
 * `stepping`, only that task is copied and the others are shared: a step reaches
 * tasks only through its context's `task` (a test freezes the input to prove it).
 */
export function cloneWorld(w: World, stepping?: string): World {
  return {
    kernel: w.kernel,
    tasks: w.tasks.map((t) => (stepping === undefined || t.name === stepping ? copyTask(t) : t)),
    files: copyEach(w.files, copyFile),
    mounts: copyEach(w.mounts, copyMount),
    namespaces: copyEach(w.namespaces, copyNamespace),
    supers: copyEach(w.supers, copySuper),
    bdevs: copyEach(w.bdevs, copyBdev),
    delayed_fput_list: w.delayed_fput_list.slice(),
    delayed_mntput_list: w.delayed_mntput_list.slice(),
    works: copyEach(w.works, copyWork) as Record<WorkId, DelayedWork>,
    reboot_mutex: w.reboot_mutex,
    system_state: w.system_state,
    halted: w.halted,
    oops: w.oops,
    milestones: w.milestones.slice(),
    seen: w.seen.slice(),
  };
}

/** PF_KTHREAD: kernel threads and workqueue workers (timers run in softirq context). */
export function isKthread(t: Task): boolean {
  return t.kind !== 'user';
}
