import { describe, expect, it } from 'vitest';
import { mntput_no_expire } from '../../src/model/fs/namespace.ts';
import { enabled, step } from '../../src/model/step.ts';
import type { World } from '../../src/model/world.ts';
import { fput, reboot, umount } from '../../src/scenario/define.ts';
import { oneFs, probe, worldOf } from '../helpers.ts';

function runAll(w: World, name: string): World {
  while (enabled(w).includes(name)) w = step(w, name).world;
  return w;
}

describe('fs/namespace.c', () => {
  it('tutorial: umount(2) of an idle mount shuts the filesystem down before it returns', () => {
    let w = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1')] }], []));
    w = runAll(w, 'init');
    expect(w.supers.sb1!.state).toBe('dead');
    expect(w.milestones).toEqual(['init:umount:returned']);
  });

  it('umount without MNT_DETACH of a mount an open file holds returns -EBUSY and detaches nothing', () => {
    let w = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1')] }]));
    w = runAll(w, 'init');
    expect(w.mounts.mnt1).toMatchObject({ mnt_ns: 'ns1', mnt_count: 2 });
    expect(w.supers.sb1!.s_active).toBe(1);
  });

  it('umount with MNT_DETACH returns 0 while an open file keeps the superblock active', () => {
    let w = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH')] }]));
    w = runAll(w, 'init');
    expect(w.mounts.mnt1).toMatchObject({ mnt_ns: null, mnt_count: 1, doomed: false });
    expect(w.supers.sb1!.state).toBe('active');
  });

  it('a stock kernel refuses UMOUNT_WAIT with -EINVAL; the patched one accepts it', () => {
    const tasks = [{ name: 'init', kind: 'user' as const, ns: 'ns1', program: [umount('mnt1', 'UMOUNT_WAIT')] }];
    const stock = runAll(worldOf(oneFs(tasks, [])), 'init');
    expect(stock.supers.sb1!.state).toBe('active');
    const patched = runAll(worldOf(oneFs(tasks, [], 'v4.13+umount-wait-v2')), 'init');
    expect(patched.supers.sb1!.state).toBe('dead');
  });

  it('while a mount is attached, mntput_no_expire is never the last reference', () => {
    const w = worldOf(oneFs([{ name: 'kthread', kind: 'kthread', program: [] }, { name: 'init', kind: 'user', ns: 'ns1', program: [] }]));
    w.mounts.mnt1!.mnt_count = 1;
    const p = probe(w, 'kthread');
    mntput_no_expire(p.ctx, 'mnt1', 'test');
    expect(w.mounts.mnt1).toMatchObject({ mnt_count: 0, doomed: false });
    expect(w.delayed_mntput_list).toEqual([]);
  });

  it("a worker's final mntput defers cleanup again, to delayed_mntput_work behind a new timer", () => {
    let w = worldOf(
      oneFs([
        { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH'), reboot()] },
        { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
      ]),
    );
    for (let i = 0; i < 5; i++) w = step(w, 'init').world; // umount(2) returns
    w = step(w, 'kthread').world; // fput: delayed_fput_list
    w = step(w, 'timer:fput').world;
    w = runAll(w, 'kworker:fput');
    expect(w.mounts.mnt1).toMatchObject({ mnt_count: 0, doomed: true });
    expect(w.delayed_mntput_list).toEqual(['mnt1']);
    expect(w.works.delayed_mntput_work.pending).toBe('timer');
    expect(w.supers.sb1!.state).toBe('active');
  });

  it("a user task's final mntput queues cleanup_mnt as task_work", () => {
    const w = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [] }], []));
    w.mounts.mnt1!.mnt_ns = null;
    const p = probe(w, 'init');
    mntput_no_expire(p.ctx, 'mnt1', 'test');
    expect(p.ctx.task.task_works).toEqual([{ fn: 'cleanup_mnt', mnt: 'mnt1' }]);
  });
});
