/**
 * kernel/workqueue.c (v4.13): delayed work on system_wq.
 * Abstractions: time is not modelled, so an armed timer may fire at any later
 * step. On a real machine __queue_delayed_work() sets the expiry to the next
 * tick (jiffies + 1), at most a jiffy away; what the model leaves open is when a
 * worker then runs the work, which nothing bounds. Each of the two delayed works has
 * a worker of its own (the pool adds workers when one sleeps), which also keeps
 * a work item from running concurrently with itself.
 * https://elixir.bootlin.com/linux/v4.13/source/kernel/workqueue.c
 */
import type { StepContext } from '../context.ts';
import type { Op } from '../ops.ts';
import type { DelayedWork, WorkId, World } from '../world.ts';

/** The work function each delayed work runs. */
export const WORK_FN: Record<WorkId, Op> = {
  delayed_fput_work: { fn: 'delayed_fput' },
  delayed_mntput_work: { fn: 'delayed_mntput' },
};

/**
 * schedule_delayed_work(dwork, 1): if the work is not already pending (timer
 * armed or queued), arm its timer. Nothing is queued until the timer fires.
 * @kernel include/linux/workqueue.h schedule_delayed_work
 */
export function schedule_delayed_work(ctx: StepContext, id: WorkId): void {
  const w = ctx.world.works[id];
  if (w.pending) {
    ctx.note(`schedule_delayed_work(${id}): already pending, no-op`);
    return;
  }
  w.pending = 'timer';
  ctx.note(`schedule_delayed_work(${id}, 1): timer armed`);
}

/**
 * delayed_work_timer_fn(): the timer fired in softirq context; queue the work on system_wq.
 * @kernel kernel/workqueue.c delayed_work_timer_fn
 */
export function delayed_work_timer_fn(ctx: StepContext, id: WorkId): void {
  const w = ctx.world.works[id];
  w.pending = 'queued';
  ctx.note(`timer fired: ${id} queued on system_wq`);
}

/**
 * process_one_work(): a worker takes its queued work, clears PENDING and runs the work function.
 * @kernel kernel/workqueue.c process_one_work
 */
export function process_one_work(ctx: StepContext, id: WorkId): void {
  const w = ctx.world.works[id];
  w.pending = null;
  w.running = true;
  ctx.note(`${id} running, no longer pending`);
  ctx.call(WORK_FN[id], { fn: 'work_done' });
}

/** @model the end of process_one_work(): the work function has returned, so a flush waiting for this run may wake */
export function work_done(ctx: StepContext, id: WorkId): void {
  const w = ctx.world.works[id];
  w.running = false;
  w.completed += 1;
  ctx.note(`${id} finished`);
}

/**
 * The completion count at which the instance queued or running now will have finished.
 * @model the completion count a flush waits for
 */
function finishTarget(w: DelayedWork): number {
  return w.completed + (w.running ? 1 : 0) + (w.pending === 'queued' ? 1 : 0);
}

/**
 * flush_scheduled_work() = flush_workqueue(system_wq): wait for every work item
 * queued or running at the moment of the call. A delayed work whose timer has
 * not fired is not queued, so it is not waited for.
 * @kernel include/linux/workqueue.h flush_scheduled_work
 */
export function flush_scheduled_work(ctx: StepContext): void {
  const waits: Array<[WorkId, number]> = [];
  const skipped: string[] = [];
  for (const w of Object.values(ctx.world.works)) {
    if (w.running || w.pending === 'queued') waits.push([w.id, finishTarget(w)]);
    else if (w.pending === 'timer') skipped.push(w.id);
  }
  const waitText = waits.length ? `waits for ${waits.map(([id]) => id).join(', ')}` : 'nothing queued or running';
  ctx.note(waitText + (skipped.length ? `; ${skipped.join(', ')} only has a timer armed: not waited for` : ''));
  if (waits.length) ctx.call({ fn: 'wait_for_work', waits, caller: 'flush_scheduled_work' });
}

/**
 * flush_delayed_work(dwork): cancel a pending timer and queue the work at once,
 * then wait for the instance queued or running (flush_work).
 * @kernel kernel/workqueue.c flush_delayed_work
 */
export function flush_delayed_work(ctx: StepContext, id: WorkId): void {
  const w = ctx.world.works[id];
  if (w.pending === 'timer') {
    w.pending = 'queued';
    ctx.note(`del_timer_sync + queue ${id} now`);
  }
  if (w.running || w.pending === 'queued') {
    ctx.note(`waits for ${id}`);
    ctx.call({ fn: 'wait_for_work', waits: [[id, finishTarget(w)]], caller: `flush_delayed_work` });
  } else {
    ctx.note(`${id} idle: nothing to wait for`);
  }
}

/**
 * Whether a task sleeping in a flush may wake up.
 * @model whether a task sleeping in a flush may wake
 */
export function waitsSatisfied(world: World, waits: Array<[WorkId, number]>): boolean {
  return waits.every(([id, target]) => world.works[id].completed >= target);
}
