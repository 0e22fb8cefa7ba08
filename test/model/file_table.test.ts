import { describe, expect, it } from 'vitest';
import { delayed_fput, flush_delayed_fput, fput, __fput } from '../../src/model/fs/file_table.ts';
import { oneFs, probe, worldOf } from '../helpers.ts';

const scenario = oneFs(
  [
    { name: 'init', kind: 'user', ns: 'ns1', program: [] },
    { name: 'kthread', kind: 'kthread', program: [] },
  ],
  ['file1', 'file2'],
);

describe('fs/file_table.c', () => {
  it('tutorial: the last fput from a user task queues __fput as task_work, not on delayed_fput_list', () => {
    const p = probe(worldOf(scenario), 'init');
    fput(p.ctx, 'file1');
    expect(p.world.files.file1!.f_count).toBe(0);
    expect(p.ctx.task.task_works).toEqual([{ fn: '__fput', file: 'file1' }]);
    expect(p.world.delayed_fput_list).toEqual([]);
    expect(p.world.works.delayed_fput_work.pending).toBeNull();
  });

  it('the last fput from a kernel thread adds the file to delayed_fput_list and arms the timer', () => {
    const p = probe(worldOf(scenario), 'kthread');
    fput(p.ctx, 'file1');
    expect(p.ctx.task.task_works).toEqual([]);
    expect(p.world.delayed_fput_list).toEqual(['file1']);
    expect(p.world.works.delayed_fput_work.pending).toBe('timer');
  });

  it('a second deferred file finds the list non-empty and does not schedule again', () => {
    const p = probe(worldOf(scenario), 'kthread');
    fput(p.ctx, 'file1');
    p.world.works.delayed_fput_work.pending = null; // as if the timer were cancelled
    fput(p.ctx, 'file2');
    expect(p.world.delayed_fput_list).toEqual(['file2', 'file1']);
    expect(p.world.works.delayed_fput_work.pending).toBeNull();
  });

  it('an fput that is not the last changes only the count', () => {
    const w = worldOf(scenario);
    w.files.file1!.f_count = 2;
    const p = probe(w, 'kthread');
    fput(p.ctx, 'file1');
    expect(w.files.file1!.f_count).toBe(1);
    expect(w.delayed_fput_list).toEqual([]);
  });

  it('delayed_fput takes the whole list at once and calls __fput on each, newest first (llist order)', () => {
    const w = worldOf(scenario);
    w.delayed_fput_list = ['file2', 'file1'];
    const p = probe(w, 'kthread');
    delayed_fput(p.ctx);
    expect(w.delayed_fput_list).toEqual([]);
    expect(p.calls).toEqual([
      { fn: '__fput', file: 'file2' },
      { fn: '__fput', file: 'file1' },
    ]);
  });

  it('flush_delayed_fput drains the list in the caller and does not wait for a running worker', () => {
    const w = worldOf(scenario);
    w.works.delayed_fput_work.running = true;
    const p = probe(w, 'init');
    flush_delayed_fput(p.ctx);
    expect(p.calls).toEqual([]);
    expect(p.notes.join(' ')).toContain('empty');
  });

  it('__fput ends by dropping the mount reference of the file', () => {
    const p = probe(worldOf(scenario), 'kthread');
    __fput(p.ctx, 'file1');
    expect(p.calls).toEqual([{ fn: 'mntput_no_expire', mnt: 'mnt1', from: '__fput(file1)' }]);
    expect(p.signals).toEqual([{ type: '__fput', file: 'file1', sb: 'sb1' }]);
  });
});
