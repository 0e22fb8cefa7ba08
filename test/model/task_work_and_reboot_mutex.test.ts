import { describe, expect, it } from 'vitest';
import { task_work_add, task_work_run } from '../../src/model/kernel/task_work.ts';
import { enabled, step } from '../../src/model/step.ts';
import type { World } from '../../src/model/world.ts';
import { explore } from '../../src/explore/explore.ts';
import { reboot, umount } from '../../src/scenario/define.ts';
import { oneFs, probe, worldOf } from '../helpers.ts';

describe('kernel/task_work.c at v4.13: newest first', () => {
  it('task_work_add pushes at the head and task_work_run runs from the head', () => {
    const w = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [] }], []));
    const p = probe(w, 'init');
    task_work_add(p.ctx, { fn: 'cleanup_mnt', mnt: 'mnt1' }, 'first');
    task_work_add(p.ctx, { fn: 'cleanup_mnt', mnt: 'mnt2' }, 'second');
    expect(task_work_run(p.ctx)).toBe(true);
    expect(p.calls).toEqual([{ fn: 'cleanup_mnt', mnt: 'mnt2' }, { fn: 'cleanup_mnt', mnt: 'mnt1' }]);
    expect(p.ctx.task.task_works).toEqual([]);
  });
});

describe('kernel/reboot.c: reboot_mutex', () => {
  const twoRebooters = () =>
    worldOf(oneFs([
      { name: 'init', kind: 'user', ns: 'ns1', program: [reboot()] },
      { name: 'app', kind: 'user', ns: 'ns1', program: [reboot()] },
    ], []));

  it('a second caller of reboot(2) sleeps on the mutex the first one holds', () => {
    let w: World = twoRebooters();
    expect(enabled(w)).toEqual(['init', 'app']);
    w = step(w, 'init').world;
    expect(w.reboot_mutex).toBe('init');
    expect(enabled(w)).toEqual(['init']);
  });

  it('so no interleaving runs two device_shutdown()s, and no run counts as a deadlock', () => {
    const s = oneFs([
      { name: 'init', kind: 'user', ns: 'ns1', program: [reboot()] },
      { name: 'app', kind: 'user', ns: 'ns1', program: [reboot()] },
    ], []);
    let shutdowns = 0;
    let w = worldOf(s);
    // Every schedule: whichever task enters first restarts the machine; the other never gets in.
    for (const first of ['init', 'app']) {
      w = worldOf(s);
      w = step(w, first).world;
      while (enabled(w).length) {
        const r = step(w, enabled(w)[0]!);
        if (r.event.call === 'device_shutdown') shutdowns++;
        expect(r.event.task).toBe(first);
        w = r.world;
      }
      expect(w.halted).toBe('restart');
    }
    expect(shutdowns).toBe(2);
    const r = explore(s);
    expect(r.properties.deadlock!.verdict).toBe('never');
    expect(r.finalStates).toBe(2);
  });
});

describe('fs/namespace.c: two tasks unmount the same mount', () => {
  const both = (flags: Array<'MNT_DETACH'>) =>
    oneFs([
      { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', ...flags)] },
      { name: 'app', kind: 'user', ns: 'ns1', program: [umount('mnt1', ...flags)] },
    ], flags.length ? ['file1'] : []);

  it('lazily: the one whose do_umount comes second finds the mount detached and returns 0 (v4.13 do_umount)', () => {
    let w = worldOf(both(['MNT_DETACH']));
    w = step(w, 'init').world; // lookup
    w = step(w, 'app').world; // lookup, before init detaches
    w = step(w, 'init').world; // do_umount: umount_tree
    const r = step(w, 'app'); // do_umount: already detached
    expect(r.event.changes).toEqual(['mnt1 already detached by another task: nothing to do, returns 0']);
    expect(r.world.tasks.find((t) => t.name === 'app')!.syscall!.ret).toBe(0);
  });

  it('a caller whose lookup comes after the detach gets -EINVAL from the mount-root check', () => {
    let w = worldOf(both(['MNT_DETACH']));
    for (let i = 0; i < 5; i++) w = step(w, 'init').world; // the whole umount(2)
    const r = step(w, 'app');
    expect(r.world.tasks.find((t) => t.name === 'app')!.syscall!.ret).toBe(-22);
    expect(r.event.changes.at(-1)).toContain('not a mount root, -EINVAL');
  });

  it('every interleaving, lazy or not, explores without a model error', () => {
    for (const flags of [['MNT_DETACH'], []] as Array<Array<'MNT_DETACH'>>) {
      const r = explore(both(flags));
      expect(r.complete).toBe(true);
      expect(r.properties.deadlock!.verdict).toBe('never');
    }
  });
});
