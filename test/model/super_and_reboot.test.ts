import { describe, expect, it } from 'vitest';
import { deactivate_super, kill_block_super } from '../../src/model/fs/super.ts';
import { cleanup_mnt } from '../../src/model/fs/namespace.ts';
import { observeEnd } from '../../src/properties/index.ts';
import { enabled, step } from '../../src/model/step.ts';
import type { World } from '../../src/model/world.ts';
import { exit, reboot, shutdownIoctl, shutdownIoctlIfMounted, umount, type ScenarioTask } from '../../src/scenario/define.ts';
import { oneFs, probe, worldOf } from '../helpers.ts';

const fixture = () => worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [reboot()] }], []));

function steps(w: World, name: string, n: number): World {
  for (let i = 0; i < n; i++) w = step(w, name).world;
  return w;
}

describe('fs/super.c', () => {
  it('tutorial: only the last active reference goes on to kill_sb; cleanup_mnt frees its mount after deactivate_super', () => {
    const w = fixture();
    w.supers.sb1!.s_active = 2;
    const p = probe(w, 'init');
    deactivate_super(p.ctx, 'sb1', 'mnt1');
    expect(w.supers.sb1).toMatchObject({ s_active: 1, state: 'active' });
    expect(w.mounts.mnt1!.freed).toBe(true);
    expect(p.calls).toEqual([]);
    w.mounts.mnt1!.freed = false;
    deactivate_super(p.ctx, 'sb1', 'mnt1');
    expect(w.supers.sb1).toMatchObject({ s_active: 0, state: 'dying' });
    expect(w.mounts.mnt1!.freed).toBe(false);
    expect(p.calls).toEqual([{ fn: 'kill_block_super', sb: 'sb1', mnt: 'mnt1' }]);
  });

  it('cleanup_mnt: deactivate_super first, the mount freed only when it returns (v4.13 fs/namespace.c)', () => {
    const w = fixture();
    const p = probe(w, 'init');
    cleanup_mnt(p.ctx, 'mnt1');
    expect(w.mounts.mnt1!.freed).toBe(false);
    expect(p.calls).toEqual([{ fn: 'deactivate_super', sb: 'sb1', mnt: 'mnt1' }]);
  });

  it('kill_block_super writes to the device, then the superblock is dead and the mount freed', () => {
    const w = fixture();
    const p = probe(w, 'init');
    kill_block_super(p.ctx, 'sb1', 'mnt1');
    expect(p.signals).toEqual([{ type: 'bio', bdev: 'sda', sb: 'sb1', what: 'generic_shutdown_super: sync_filesystem + put_super checkpoint' }]);
    expect(w.supers.sb1!.state).toBe('dead');
    expect(w.mounts.mnt1!.freed).toBe(true);
    expect(w.halted).toBeNull();
  });

  it('kill_block_super after device_shutdown is the oops, and the machine stops there, the mount never freed', () => {
    const w = fixture();
    w.bdevs.sda!.state = 'shut_down';
    const p = probe(w, 'init');
    kill_block_super(p.ctx, 'sb1', 'mnt1');
    expect(w.halted).toBe('oops');
    expect(w.oops).toBe('generic_shutdown_super: sync_filesystem + put_super checkpoint: I/O to sda after device_shutdown()');
    expect(w.supers.sb1!.state).not.toBe('dead');
    expect(w.mounts.mnt1!.freed).toBe(false);
    expect(enabled(w)).toEqual([]);
  });

  it('a filesystem shut down by ioctl, with nothing queued, issues no I/O at teardown, even after device_shutdown', () => {
    const w = fixture();
    w.bdevs.sda!.state = 'shut_down';
    w.supers.sb1!.shutdown = true;
    const p = probe(w, 'init');
    kill_block_super(p.ctx, 'sb1', 'mnt1');
    expect(p.signals).toEqual([]);
    expect(w.halted).toBeNull();
  });

  it('a filesystem shut down by ioctl still issues its queued discards at teardown (f2fs_put_super): after device_shutdown, the oops', () => {
    const w = fixture();
    w.bdevs.sda!.state = 'shut_down';
    Object.assign(w.supers.sb1!, { shutdown: true, discard: true, discards_queued: true, discard_thread: true });
    const p = probe(w, 'init');
    kill_block_super(p.ctx, 'sb1', 'mnt1');
    expect(w.supers.sb1!.discard_thread).toBe(false);
    expect(w.halted).toBe('oops');
    expect(w.oops).toBe('f2fs_put_super: f2fs_wait_discard_bios, the queued discards: I/O to sda after device_shutdown()');
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

describe('fs/f2fs: F2FS_IOC_SHUTDOWN and the discard thread', () => {
  const discardFs = (program: ScenarioTask['program'], tasks: ScenarioTask[] = []): World => {
    const s = oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program }, ...tasks], tasks.length ? ['file1'] : []);
    return worldOf({ ...s, setup: { ...s.setup, filesystems: [{ bdev: 'sda', sb: 'sb1', discard: true }] } });
  };

  it('shuts a mounted filesystem down after one last write', () => {
    const w = steps(worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [shutdownIoctl('mnt1')] }], [])), 'init', 2);
    expect(w.supers.sb1).toMatchObject({ shutdown: true, discards_queued: false });
    expect(w.milestones).toEqual(['init:ioctl:returned']);
  });

  it("Android's init skips it once the filesystem is no longer in /proc/mounts: one step of init's, no ioctl", () => {
    let w = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), shutdownIoctlIfMounted('mnt1')] }], []));
    w = steps(w, 'init', 9); // umount(2) to its return, the teardown in its task_work
    const r = step(w, 'init');
    expect(r.event.call).toBe('IsDataMounted(mnt1)');
    expect(r.event.changes).toEqual(['/proc/mounts: mnt1 not listed in ns1: no ioctl']);
    expect(r.world.supers.sb1).toMatchObject({ state: 'dead', shutdown: false });
    expect(r.world.milestones).toEqual(['init:umount:returned']);
    expect(enabled(r.world)).toEqual([]);
  });

  it('with -o discard, the ioctl\'s checkpoint queues discards, and the discard thread the model starts at mount can issue them', () => {
    let w = discardFs([shutdownIoctlIfMounted('mnt1')]);
    expect(w.tasks.map((t) => t.name)).toContain('f2fs-discard:sda');
    expect(enabled(w)).toEqual(['init']);
    w = steps(w, 'init', 2); // IsDataMounted, ioctl(2)
    expect(w.supers.sb1).toMatchObject({ shutdown: true, discards_queued: true, discard_thread: true });
    expect(enabled(w)).toEqual(['init', 'f2fs-discard:sda']);
    const r = step(w, 'f2fs-discard:sda');
    expect(r.event.signals).toEqual([{ type: 'bio', bdev: 'sda', sb: 'sb1', what: 'issue_discard_thread: the queued discards' }]);
    expect(r.world.supers.sb1!.discards_queued).toBe(false);
    expect(enabled(r.world)).toEqual(['init']);
  });

  it('the discard thread never checks the checkpoint error: after device_shutdown its discards are the oops', () => {
    let w = discardFs([shutdownIoctl('mnt1'), reboot('LINUX_REBOOT_CMD_RESTART2')]);
    w = steps(w, 'init', 5); // ioctl(2), exit_to_usermode, reboot(2), kernel_restart_prepare, device_shutdown
    expect(w.bdevs.sda!.state).toBe('shut_down');
    const r = step(w, 'f2fs-discard:sda');
    expect(r.world.halted).toBe('oops');
    expect(r.world.oops).toBe('issue_discard_thread: the queued discards: I/O to sda after device_shutdown()');
  });

  it('reboot(2) with LINUX_REBOOT_CMD_RESTART2 takes the same way to device_shutdown', () => {
    let w = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [reboot('LINUX_REBOOT_CMD_RESTART2')] }], []));
    const r = step(w, 'init');
    expect(r.event.changes).toEqual(['reboot(LINUX_REBOOT_CMD_RESTART2): reboot_mutex taken -> kernel_restart()']);
    w = steps(r.world, 'init', 2);
    expect(w.bdevs.sda!.state).toBe('shut_down');
  });

  it('an idle discard thread is not a deadlock', () => {
    let w = discardFs([exit()]);
    while (enabled(w).length) w = step(w, enabled(w)[0]!).world;
    expect(w.supers.sb1!.state).toBe('dead');
    expect(w.supers.sb1!.discard_thread).toBe(false);
    expect(observeEnd(w)).toEqual([]);
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
    expect(w.mounts.mnt1!.freed).toBe(true);
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
