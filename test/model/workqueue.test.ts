import { describe, expect, it } from 'vitest';
import { enabled, step } from '../../src/model/step.ts';
import { flush_delayed_work, flush_scheduled_work, schedule_delayed_work } from '../../src/model/kernel/workqueue.ts';
import { oneFs, probe, worldOf } from '../helpers.ts';

const scenario = oneFs([
  { name: 'init', kind: 'user', ns: 'ns1', program: [] },
  { name: 'kthread', kind: 'kthread', program: [] },
]);

describe('kernel/workqueue.c', () => {
  it('tutorial: schedule_delayed_work arms a timer; only the timer firing queues the work', () => {
    let w = worldOf(scenario);
    schedule_delayed_work(probe(w, 'kthread').ctx, 'delayed_fput_work');
    expect(w.works.delayed_fput_work.pending).toBe('timer');
    expect(enabled(w)).toEqual(['timer:fput']);
    w = step(w, 'timer:fput').world;
    expect(w.works.delayed_fput_work.pending).toBe('queued');
    expect(enabled(w)).toEqual(['kworker:fput']);
  });

  it('flush_scheduled_work does not wait for a delayed work whose timer has not fired', () => {
    const w = worldOf(scenario);
    w.works.delayed_mntput_work.pending = 'timer';
    const p = probe(w, 'init');
    flush_scheduled_work(p.ctx);
    expect(p.calls).toEqual([]);
    expect(p.notes.join(' ')).toContain('only has a timer armed: not waited for');
  });

  it('flush_scheduled_work waits for a work that is running on entry', () => {
    const w = worldOf(scenario);
    w.works.delayed_fput_work.running = true;
    const p = probe(w, 'init');
    flush_scheduled_work(p.ctx);
    expect(p.calls).toEqual([{ fn: 'wait_for_work', waits: [['delayed_fput_work', 1]], caller: 'flush_scheduled_work' }]);
  });

  it('flush_delayed_work cancels the timer, queues the work now, and waits for it', () => {
    const w = worldOf(scenario);
    w.works.delayed_mntput_work.pending = 'timer';
    const p = probe(w, 'init');
    flush_delayed_work(p.ctx, 'delayed_mntput_work');
    expect(w.works.delayed_mntput_work.pending).toBe('queued');
    expect(p.calls).toEqual([{ fn: 'wait_for_work', waits: [['delayed_mntput_work', 1]], caller: 'flush_delayed_work' }]);
  });

  it('a flushing task sleeps until the work it waits for has finished', () => {
    let w = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [] }], []));
    const init = w.tasks.find((t) => t.name === 'init')!;
    init.stack = [{ fn: 'wait_for_work', waits: [['delayed_fput_work', 1]], caller: 'flush_scheduled_work' }];
    w.works.delayed_fput_work.pending = 'queued';
    expect(enabled(w)).toEqual(['kworker:fput']);
    w = step(w, 'kworker:fput').world; // process_one_work
    w = step(w, 'kworker:fput').world; // delayed_fput: empty list
    expect(enabled(w)).toEqual(['kworker:fput']);
    w = step(w, 'kworker:fput').world; // work_done
    expect(enabled(w)).toEqual(['init']);
  });

  it('a work item never runs concurrently with itself: queued again while running, it waits for the run to end', () => {
    let w = worldOf(scenario);
    w.works.delayed_fput_work.pending = 'queued';
    w = step(w, 'kworker:fput').world;
    w.works.delayed_fput_work.pending = 'queued';
    expect(w.works.delayed_fput_work.running).toBe(true);
    w = step(w, 'kworker:fput').world; // delayed_fput
    w = step(w, 'kworker:fput').world; // work_done
    expect(w.works.delayed_fput_work).toMatchObject({ running: false, pending: 'queued', completed: 1 });
    w = step(w, 'kworker:fput').world;
    expect(w.works.delayed_fput_work).toMatchObject({ running: true, pending: null });
  });
});
