/**
 * The model's one pure step: which tasks may run next (`enabled`) and what one
 * step of a task does (`step`). The scheduler in src/explore makes every choice;
 * nothing here reads a clock or draws a random number.
 */
import type { Signal, StepContext } from './context.ts';
import type { Op } from './ops.ts';
import { copyForStep, type Task, type World } from './world.ts';
import { exit_to_usermode } from './arch/entry.ts';
import { device_shutdown } from './drivers/base/core.ts';
import { IsDataMounted, issue_discard_thread, sys_ioctl_shutdown } from './fs/f2fs.ts';
import { sys_statfs } from './fs/statfs.ts';
import { sys_close } from './fs/open.ts';
import { __fput, delayed_fput, flush_delayed_fput, flush_delayed_fput_wait, fput } from './fs/file_table.ts';
import {
  cleanup_mnt,
  delayed_mntput,
  do_umount,
  flush_delayed_mntput_wait,
  mntput_no_expire,
  put_mnt_ns,
  sys_umount,
  vendor_umount_flush,
} from './fs/namespace.ts';
import { deactivate_super, kill_block_super } from './fs/super.ts';
import { exit_task_work, sys_exit } from './kernel/exit.ts';
import { kernel_restart_prepare, machine_restart, sys_reboot } from './kernel/reboot.ts';
import {
  delayed_work_timer_fn,
  flush_delayed_work,
  flush_scheduled_work,
  process_one_work,
  waitsSatisfied,
  work_done,
} from './kernel/workqueue.ts';

/** One step as the trace and the monitors see it. */
export interface StepEvent {
  readonly task: string;
  /** The function the step ran, with its arguments: "__fput(file1)". */
  readonly call: string;
  /** The op the step ran; null for a timer firing or a worker picking up its work. */
  readonly op: Op | null;
  readonly changes: readonly string[];
  readonly signals: readonly Signal[];
}

export interface StepResult {
  readonly world: World;
  readonly event: StepEvent;
}

/** The op a user task or kernel thread runs next, if any. */
function nextOp(t: Task): Op | undefined {
  return t.stack[0] ?? t.program[0];
}

/** Whether a task can take a step now; a sleeping or finished task cannot. */
export function isRunnable(world: World, t: Task): boolean {
  if (world.halted || t.exited) return false;
  if (t.kind === 'timer') return world.works[t.work!].pending === 'timer';
  if (t.kind === 'worker' && t.stack.length === 0) return world.works[t.work!].pending === 'queued';
  const op = nextOp(t);
  if (!op) return false;
  if (op.fn === 'wait_for_work') return waitsSatisfied(world, op.waits);
  if (op.fn === 'wait_for') return world.milestones.includes(op.milestone);
  // mutex_lock(&reboot_mutex) at the start of reboot(2): a second caller sleeps (kernel/reboot.ts).
  if (op.fn === 'sys_reboot') return world.reboot_mutex === null;
  // The f2fs discard thread sleeps until discards are queued, and is gone once kill_f2fs_super() has stopped it (fs/f2fs.ts).
  if (op.fn === 'issue_discard_thread') {
    const sb = world.supers[op.sb]!;
    return sb.discard_thread && sb.discards_queued;
  }
  return true;
}

/** The names of the tasks that may run next, in declaration order. */
export function enabled(world: World): string[] {
  const names: string[] = [];
  for (const t of world.tasks) if (isRunnable(world, t)) names.push(t.name);
  return names;
}

/** How an op reads in a trace: its kernel name and arguments. */
export function callLabel(op: Op): string {
  switch (op.fn) {
    case 'sys_umount':
      return 'umount(2)';
    case 'sys_reboot':
      return 'reboot(2)';
    case 'sys_exit':
      return 'exit(2)';
    case 'sys_ioctl_shutdown':
      return 'ioctl(2)';
    case 'IsDataMounted':
      return `IsDataMounted(${op.mnt})`;
    case 'issue_discard_thread':
      return `issue_discard_thread(${op.sb})`;
    case 'sys_statfs':
      return 'statfs(2)';
    case 'sys_close':
      return 'close(2)';
    case 'fput':
    case '__fput':
      return `${op.fn}(${op.file})`;
    case 'mntput_no_expire':
    case 'cleanup_mnt':
      return `${op.fn}(${op.mnt})`;
    case 'deactivate_super':
    case 'kill_block_super':
      return `${op.fn}(${op.sb})`;
    case 'flush_delayed_work':
      return `flush_delayed_work(${op.work})`;
    case 'put_mnt_ns':
      return `put_mnt_ns(${op.ns})`;
    case 'do_umount':
      return `do_umount(${op.mnt})`;
    case 'wait_for_work':
      return `${op.caller} wakes`;
    case 'wait_for':
      return `(held until ${op.milestone})`;
    default:
      return op.fn;
  }
}

function run(ctx: StepContext, op: Op): void {
  switch (op.fn) {
    case 'sys_umount': return sys_umount(ctx, op.mnt, op.flags);
    case 'sys_reboot': return sys_reboot(ctx, op.cmd);
    case 'sys_exit': return sys_exit(ctx);
    case 'sys_ioctl_shutdown': return sys_ioctl_shutdown(ctx, op.mnt);
    case 'IsDataMounted': return IsDataMounted(ctx, op.mnt);
    case 'issue_discard_thread': return issue_discard_thread(ctx, op.sb);
    case 'sys_statfs': return sys_statfs(ctx, op.mnt);
    case 'sys_close': return sys_close(ctx, op.file);
    case 'fput': return fput(ctx, op.file);
    case 'wait_for': return ctx.note('released by the scenario');
    case 'do_umount': return do_umount(ctx, op.mnt, op.flags);
    case 'mntput_no_expire': return mntput_no_expire(ctx, op.mnt, op.from);
    case 'cleanup_mnt': return cleanup_mnt(ctx, op.mnt);
    case 'delayed_mntput': return delayed_mntput(ctx);
    case 'put_mnt_ns': return put_mnt_ns(ctx, op.ns);
    case 'flush_delayed_mntput_wait': return flush_delayed_mntput_wait(ctx);
    case 'vendor_umount_flush': return vendor_umount_flush(ctx);
    case '__fput': return __fput(ctx, op.file);
    case 'delayed_fput': return delayed_fput(ctx);
    case 'flush_delayed_fput': return flush_delayed_fput(ctx);
    case 'flush_delayed_fput_wait': return flush_delayed_fput_wait(ctx);
    case 'deactivate_super': return deactivate_super(ctx, op.sb, op.mnt);
    case 'kill_block_super': return kill_block_super(ctx, op.sb, op.mnt);
    case 'flush_scheduled_work': return flush_scheduled_work(ctx);
    case 'flush_delayed_work': return flush_delayed_work(ctx, op.work);
    case 'wait_for_work': return ctx.note(`${op.waits.map(([w]) => w).join(', ')} finished`);
    case 'process_one_work': return process_one_work(ctx, ctx.task.work!);
    case 'work_done': return work_done(ctx, ctx.task.work!);
    case 'kernel_restart_prepare': return kernel_restart_prepare(ctx);
    case 'device_shutdown': return device_shutdown(ctx);
    case 'machine_restart': return machine_restart(ctx);
    case 'exit_task_work': return exit_task_work(ctx);
    case 'exit_to_usermode': return exit_to_usermode(ctx);
  }
}

/** The context of one step: what it sees, and what it records (the changes, the signals, and the calls it makes next). */
class Recorder implements StepContext {
  readonly changes: string[] = [];
  readonly signals: Signal[] = [];
  readonly front: Op[] = [];
  readonly world: World;
  readonly task: Task;
  constructor(world: World, task: Task) {
    this.world = world;
    this.task = task;
  }
  note(change: string): void {
    this.changes.push(change);
  }
  signal(s: Signal): void {
    this.signals.push(s);
  }
  call(...ops: Op[]): void {
    this.front.push(...ops);
  }
}

/**
 * A view of a state through which a step reads and changes it; the explorer's
 * partial-order reduction passes one that notes what the step touches
 * (src/explore/footprint.ts). Without one, the step works on the state itself.
 */
export type StateView = (world: World) => World;

/**
 * Run one step of task `name` on a copy of `world` (made as the step touches it: copyForStep). Throws if the task cannot
 * run now; callers check `enabled` first.
 */
export function step(world: World, name: string, view?: StateView): StepResult {
  const at = world.tasks.findIndex((t) => t.name === name);
  if (at === -1) throw new Error(`no task named '${name}'`);
  if (!isRunnable(view ? view(world) : world, world.tasks[at]!)) throw new Error(`task '${name}' cannot run now`);
  const copy = copyForStep(world, at);
  const task = copy.tasks[at]!;
  const ctx = new Recorder(view ? view(copy) : copy, task);
  let call: string;
  let ran: Op | null = null;
  if (task.kind === 'timer') {
    call = 'delayed_work_timer_fn';
    delayed_work_timer_fn(ctx, task.work!);
  } else if (task.kind === 'worker' && task.stack.length === 0) {
    call = 'process_one_work';
    process_one_work(ctx, task.work!);
  } else {
    const op = task.stack.length > 0 ? task.stack.shift()! : task.program.shift()!;
    call = callLabel(op);
    ran = op;
    run(ctx, op);
  }
  task.stack.unshift(...ctx.front);
  return { world: copy.settle(), event: { task: name, call, op: ran, changes: ctx.changes, signals: ctx.signals } };
}
