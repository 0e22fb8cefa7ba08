import { describe, expect, it } from 'vitest';
import { deactivate_super, kill_block_super } from '../../src/model/fs/super.ts';
import { enabled, step } from '../../src/model/step.ts';
import type { World } from '../../src/model/world.ts';
import { reboot, shutdownIoctl, umount } from '../../src/scenario/define.ts';
import { oneFs, probe, worldOf } from '../helpers.ts';

const fixture = () => worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [reboot()] }], []));

function steps(w: World, name: string, n: number): World {
  for (let i = 0; i < n; i++) w = step(w, name).world;
  return w;
}

describe('fs/super.c', () => {
  it('tutorial: only the last active reference goes on to kill_sb', () => {
    const w = fixture();
    w.supers.sb1!.s_active = 2;
    const p = probe(w, 'init');
    deactivate_super(p.ctx, 'sb1');
    expect(w.supers.sb1).toMatchObject({ s_active: 1, state: 'active' });
    expect(p.calls).toEqual([]);
    deactivate_super(p.ctx, 'sb1');
    expect(w.supers.sb1).toMatchObject({ s_active: 0, state: 'dying' });
    expect(p.calls).toEqual([{ fn: 'kill_block_super', sb: 'sb1' }]);
  });

  it('kill_block_super writes to the device, then the superblock is dead', () => {
    const w = fixture();
    const p = probe(w, 'init');
    kill_block_super(p.ctx, 'sb1');
    expect(p.signals).toEqual([{ type: 'bio', bdev: 'sda', sb: 'sb1', what: 'generic_shutdown_super: sync_filesystem + put_super checkpoint' }]);
    expect(w.supers.sb1!.state).toBe('dead');
    expect(w.halted).toBeNull();
  });

  it('kill_block_super after device_shutdown is the oops, and the machine stops there', () => {
    const w = fixture();
    w.bdevs.sda!.state = 'shut_down';
    const p = probe(w, 'init');
    kill_block_super(p.ctx, 'sb1');
    expect(w.halted).toBe('oops');
    expect(w.oops).toBe('generic_shutdown_super: sync_filesystem + put_super checkpoint: I/O to sda after device_shutdown()');
    expect(w.supers.sb1!.state).not.toBe('dead');
    expect(enabled(w)).toEqual([]);
  });

  it('a filesystem shut down by ioctl issues no I/O, even after device_shutdown', () => {
    const w = fixture();
    w.bdevs.sda!.state = 'shut_down';
    w.supers.sb1!.shutdown = true;
    const p = probe(w, 'init');
    kill_block_super(p.ctx, 'sb1');
    expect(p.signals).toEqual([]);
    expect(w.halted).toBeNull();
  });
});

describe('kernel/reboot.c', () => {
  it('reboot(2) shuts the devices down, and other tasks still run before machine_restart', () => {
    let w = worldOf(oneFs([
      { name: 'init', kind: 'user', ns: 'ns1', program: [reboot()] },
      { name: 'kthread', kind: 'kthread', program: [{ fn: 'fput', file: 'file1' }] },
    ]));
    w = steps(w, 'init', 3); // reboot(2), kernel_restart_prepare, device_shutdown
    expect(w.system_state).toBe('SYSTEM_RESTART');
    expect(w.bdevs.sda!.state).toBe('shut_down');
    expect(enabled(w)).toEqual(['init', 'kthread']);
    w = step(w, 'kthread').world;
    w = step(w, 'init').world; // machine_restart
    expect(w.halted).toBe('restart');
    expect(enabled(w)).toEqual([]);
  });
});

describe('fs/f2fs: F2FS_IOC_SHUTDOWN', () => {
  it('shuts a mounted filesystem down after one last write', () => {
    const w = steps(worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [shutdownIoctl('mnt1')] }], [])), 'init', 2);
    expect(w.supers.sb1!.shutdown).toBe(true);
    expect(w.milestones).toEqual(['init:ioctl:returned']);
  });

  it('is skipped, as Android\'s init skips it, once the filesystem is no longer in /proc/mounts', () => {
    const w = steps(worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), shutdownIoctl('mnt1')] }], [])), 'init', 10);
    expect(w.supers.sb1).toMatchObject({ state: 'dead', shutdown: false });
    expect(w.milestones).toEqual(['init:umount:returned']);
    expect(enabled(w)).toEqual([]);
  });
});

describe('kernel/exit.c: do_exit drops the mount namespace, then runs task_work', () => {
  it("the last task of a namespace detaches its mounts and cleans them up in its own task_work", () => {
    let w = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [{ fn: 'sys_exit' }] }], []));
    const calls: string[] = [];
    while (enabled(w).length) {
      const r = step(w, 'init');
      calls.push(r.event.call);
      w = r.world;
    }
    expect(calls).toEqual(['exit(2)', 'put_mnt_ns(ns1)', 'mntput_no_expire(mnt1)', 'exit_task_work', 'cleanup_mnt(mnt1)', 'deactivate_super(sb1)', 'kill_block_super(sb1)', 'exit_task_work']);
    expect(w.supers.sb1!.state).toBe('dead');
    expect(w.tasks[0]!.exited).toBe(true);
  });
});

describe('the vendor 4.14 variant', () => {
  it('waits for a delayed_fput already running on a worker before do_umount', () => {
    let w = worldOf(oneFs([
      { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH')] },
      { name: 'kthread', kind: 'kthread', program: [{ fn: 'fput', file: 'file1' }] },
    ], ['file1'], 'vendor-4.14'));
    w = step(w, 'kthread').world;
    w = step(w, 'timer:fput').world;
    w = steps(w, 'kworker:fput', 2); // process_one_work, delayed_fput: took file1
    w = steps(w, 'init', 4); // umount(2), flush_delayed_fput_wait, flush_delayed_fput (empty), flush_delayed_work
    expect(enabled(w)).toEqual(['kworker:fput']);
    const next = w.tasks.find((t) => t.name === 'init')!.stack[0];
    expect(next).toMatchObject({ fn: 'wait_for_work', caller: 'flush_delayed_work' });
  });

  it('a stock kernel does not wait: with no flag, umount(2) returns while the file is still being released', () => {
    let w = worldOf(oneFs([
      { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1', 'MNT_DETACH')] },
      { name: 'kthread', kind: 'kthread', program: [{ fn: 'fput', file: 'file1' }] },
    ]));
    w = step(w, 'kthread').world;
    w = step(w, 'timer:fput').world;
    w = steps(w, 'kworker:fput', 2);
    w = steps(w, 'init', 5);
    expect(w.milestones).toEqual(['init:umount:returned']);
    expect(w.supers.sb1!.state).toBe('active');
  });
});
