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
  /**
   * Set by F2FS_IOC_SHUTDOWN: f2fs_stop_checkpoint() has set CP_ERROR_FLAG, so
   * no checkpoint (and none of the writes a checkpoint makes) is written again.
   * It does not stop the discard thread: see `discards_queued`.
   */
  shutdown: boolean;
  /** Mounted with -o discard (test_opt(sbi, DISCARD)): a checkpoint queues discards of the segments it frees. Never changes. */
  readonly discard: boolean;
  /** Discard commands queued and not yet issued (dcc->discard_cmd_cnt > 0): device I/O still to come, shut down or not. */
  discards_queued: boolean;
  /** The f2fs discard thread (dcc->f2fs_issue_discard) is running; kill_f2fs_super() stops it. False when the model has no such thread. */
  discard_thread: boolean;
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

// Each record is copied entry by entry, field by field, one loop per kind of record:
// a literal of known shape is the quickest copy, and one loop per kind keeps each loop's property accesses of one shape.
export function copyFiles(r: Record<string, File>): Record<string, File> {
  const out: Record<string, File> = {};
  for (const k in r) {
    const f = r[k]!;
    out[k] = { id: f.id, f_count: f.f_count, mnt: f.mnt, freed: f.freed };
  }
  return out;
}

export function copyMounts(r: Record<string, Mount>): Record<string, Mount> {
  const out: Record<string, Mount> = {};
  for (const k in r) {
    const m = r[k]!;
    out[k] = { id: m.id, sb: m.sb, mnt_count: m.mnt_count, mnt_ns: m.mnt_ns, doomed: m.doomed, freed: m.freed };
  }
  return out;
}

export function copyNamespaces(r: Record<string, MntNamespace>): Record<string, MntNamespace> {
  const out: Record<string, MntNamespace> = {};
  for (const k in r) {
    const n = r[k]!;
    out[k] = { id: n.id, count: n.count, mounts: n.mounts.slice() };
  }
  return out;
}

export function copySupers(r: Record<string, SuperBlock>): Record<string, SuperBlock> {
  const out: Record<string, SuperBlock> = {};
  for (const k in r) {
    const s = r[k]!;
    out[k] = { id: s.id, bdev: s.bdev, s_active: s.s_active, state: s.state, shutdown: s.shutdown, discard: s.discard, discards_queued: s.discards_queued, discard_thread: s.discard_thread };
  }
  return out;
}

export function copyBdevs(r: Record<string, BlockDevice>): Record<string, BlockDevice> {
  const out: Record<string, BlockDevice> = {};
  for (const k in r) {
    const b = r[k]!;
    out[k] = { id: b.id, state: b.state };
  }
  return out;
}

export function copyWorks(r: Record<WorkId, DelayedWork>): Record<WorkId, DelayedWork> {
  const f = r.delayed_fput_work;
  const m = r.delayed_mntput_work;
  return {
    delayed_fput_work: { id: f.id, pending: f.pending, running: f.running, completed: f.completed },
    delayed_mntput_work: { id: m.id, pending: m.pending, running: m.running, completed: m.completed },
  };
}

export function copyTask(t: Task): Task {
  return { name: t.name, kind: t.kind, ns: t.ns, work: t.work, exited: t.exited, program: t.program.slice(), stack: t.stack.slice(), task_works: t.task_works.slice(), syscall: t.syscall && { ...t.syscall } };
}

/**
 * A whole copy of a state, field by field: every object that can change is
 * copied, and ops, which nothing changes (they are data that tasks consume), are
 * shared. (A step itself copies only what it touches: copyForStep.)
 */
export function cloneWorld(w: World): World {
  return {
    kernel: w.kernel,
    tasks: w.tasks.map(copyTask),
    files: copyFiles(w.files),
    mounts: copyMounts(w.mounts),
    namespaces: copyNamespaces(w.namespaces),
    supers: copySupers(w.supers),
    bdevs: copyBdevs(w.bdevs),
    delayed_fput_list: w.delayed_fput_list.slice(),
    delayed_mntput_list: w.delayed_mntput_list.slice(),
    works: copyWorks(w.works),
    reboot_mutex: w.reboot_mutex,
    system_state: w.system_state,
    halted: w.halted,
    oops: w.oops,
    milestones: w.milestones.slice(),
    seen: w.seen.slice(),
  };
}

/**
 * The copy of a state that one step works on, made as the step goes: each part
 * (the files, the mounts, each list, ...) is copied the first time the step
 * touches it, and every part it never touches stays shared with the state it
 * came from. A step can change only what it has touched, so sharing the rest is
 * safe, as long as no state is changed once made (none is: the explorer keys
 * each one, the monitors copy `seen` before they add to it, and a test freezes
 * a step's input to prove the step never writes it). Only the stepping task is
 * copied. Each part has its own accessors, spelled out: they are quicker than
 * ones made in a loop from a table. `settle()` gives the plain state after the step.
 */
class StepCopy implements World {
  private readonly from: World;
  readonly kernel: KernelVariant;
  readonly tasks: Task[];
  reboot_mutex: string | null;
  system_state: World['system_state'];
  halted: World['halted'];
  oops: string | null;
  private _files: Record<string, File> | null = null;
  private _mounts: Record<string, Mount> | null = null;
  private _namespaces: Record<string, MntNamespace> | null = null;
  private _supers: Record<string, SuperBlock> | null = null;
  private _bdevs: Record<string, BlockDevice> | null = null;
  private _works: Record<WorkId, DelayedWork> | null = null;
  private _delayed_fput_list: string[] | null = null;
  private _delayed_mntput_list: string[] | null = null;
  private _milestones: string[] | null = null;
  /** The monitors' (no step touches it): shared, and replaced, never changed, when they add to it. */
  seen: string[];

  constructor(from: World, stepping: number) {
    this.from = from;
    this.kernel = from.kernel;
    this.tasks = from.tasks.slice();
    this.tasks[stepping] = copyTask(from.tasks[stepping]!);
    this.reboot_mutex = from.reboot_mutex;
    this.system_state = from.system_state;
    this.halted = from.halted;
    this.oops = from.oops;
    this.seen = from.seen;
  }

  get files(): Record<string, File> { return (this._files ??= copyFiles(this.from.files)); }
  set files(v: Record<string, File>) { this._files = v; }
  get mounts(): Record<string, Mount> { return (this._mounts ??= copyMounts(this.from.mounts)); }
  set mounts(v: Record<string, Mount>) { this._mounts = v; }
  get namespaces(): Record<string, MntNamespace> { return (this._namespaces ??= copyNamespaces(this.from.namespaces)); }
  set namespaces(v: Record<string, MntNamespace>) { this._namespaces = v; }
  get supers(): Record<string, SuperBlock> { return (this._supers ??= copySupers(this.from.supers)); }
  set supers(v: Record<string, SuperBlock>) { this._supers = v; }
  get bdevs(): Record<string, BlockDevice> { return (this._bdevs ??= copyBdevs(this.from.bdevs)); }
  set bdevs(v: Record<string, BlockDevice>) { this._bdevs = v; }
  get works(): Record<WorkId, DelayedWork> { return (this._works ??= copyWorks(this.from.works)); }
  set works(v: Record<WorkId, DelayedWork>) { this._works = v; }
  get delayed_fput_list(): string[] { return (this._delayed_fput_list ??= this.from.delayed_fput_list.slice()); }
  set delayed_fput_list(v: string[]) { this._delayed_fput_list = v; }
  get delayed_mntput_list(): string[] { return (this._delayed_mntput_list ??= this.from.delayed_mntput_list.slice()); }
  set delayed_mntput_list(v: string[]) { this._delayed_mntput_list = v; }
  get milestones(): string[] { return (this._milestones ??= this.from.milestones.slice()); }
  set milestones(v: string[]) { this._milestones = v; }

  settle(): World {
    const f = this.from;
    return {
      kernel: this.kernel,
      tasks: this.tasks,
      files: this._files ?? f.files,
      mounts: this._mounts ?? f.mounts,
      namespaces: this._namespaces ?? f.namespaces,
      supers: this._supers ?? f.supers,
      bdevs: this._bdevs ?? f.bdevs,
      delayed_fput_list: this._delayed_fput_list ?? f.delayed_fput_list,
      delayed_mntput_list: this._delayed_mntput_list ?? f.delayed_mntput_list,
      works: this._works ?? f.works,
      reboot_mutex: this.reboot_mutex,
      system_state: this.system_state,
      halted: this.halted,
      oops: this.oops,
      milestones: this._milestones ?? f.milestones,
      seen: this.seen,
    };
  }
}

/** The copy of `w` that a step of the task at index `stepping` works on; its `settle()` gives the plain state after the step (see StepCopy). */
export function copyForStep(w: World, stepping: number): World & { settle(): World } {
  return new StepCopy(w, stepping);
}

/**
 * The name of the f2fs discard thread of the filesystem on block device
 * `bdev` (the kernel calls it f2fs_discard-<major>:<minor>): a kernel thread
 * the model starts for each filesystem mounted with -o discard.
 */
export function discardThreadName(bdev: string): string {
  return `f2fs-discard:${bdev}`;
}

/** PF_KTHREAD: kernel threads and workqueue workers (timers run in softirq context). */
export function isKthread(t: Task): boolean {
  return t.kind !== 'user';
}
