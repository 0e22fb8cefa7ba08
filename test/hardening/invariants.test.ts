import { describe, expect, it, vi } from 'vitest';
import { NakError } from '../../src/errors.ts';
import { checkedStep } from '../../src/explore/checked-step.ts';
import { step } from '../../src/model/step.ts';
import { checkInvariants } from '../../src/properties/invariants.ts';
import { fput, reboot, umount } from '../../src/scenario/define.ts';
import { oneFs, worldOf } from '../helpers.ts';

const place = (path: string[]) => ({ scenario: 'fixture', prelude: false, path: () => path });

describe('model invariants, checked after every step', () => {
  it('a count below zero is a model error that names the count and a schedule that replays it', () => {
    const w = worldOf(oneFs([{ name: 'kthread', kind: 'kthread', program: [fput('file1')] }]));
    w.files.file1!.f_count = 0; // a state no valid scenario reaches: the fput has no reference to drop
    let err: unknown;
    try {
      checkedStep(w, 'kthread', place(['kthread']));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NakError);
    expect((err as NakError).kind).toBe('model-error');
    expect((err as NakError).message).toContain('no reference count below zero: file1.f_count is -1 (file)');
    expect((err as NakError).message).toContain('replay: npm run nak -- run fixture --schedule "kthread"');
  });

  it('a step on a freed file or mount, or a second kill of a superblock, is named', () => {
    const w = worldOf(oneFs([{ name: 'kthread', kind: 'kthread', program: [fput('file1')] }]));
    w.files.file1!.freed = true;
    const r = step(w, 'kthread');
    expect(checkInvariants(w, r.event, r.world).map((v) => v.invariant)).toContain('no step on a freed object');

    const dead = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [] }], []));
    dead.supers.sb1!.state = 'dead';
    dead.tasks[0]!.stack = [{ fn: 'kill_block_super', sb: 'sb1', mnt: 'mnt1' }];
    const k = step(dead, 'init');
    expect(checkInvariants(dead, k.event, k.world)).toEqual([
      { invariant: 'a superblock is killed at most once, and only after its last active reference', detail: 'kill_block_super(sb1) with sb1 dead' },
    ]);
  });

  it('the states of a valid run break none', () => {
    let w = worldOf(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), reboot()] }], []));
    for (let i = 0; i < 9; i++) {
      const r = step(w, 'init');
      expect(checkInvariants(w, r.event, r.world)).toEqual([]);
      w = r.world;
    }
  });
});

describe('an exception inside the model', () => {
  it('is an internal error with the scenario and the replay schedule, not a stack trace', async () => {
    vi.resetModules();
    vi.doMock('../../src/model/fs/super.ts', async (orig) => {
      const real = (await orig()) as Record<string, unknown>;
      return { ...real, deactivate_super: () => { throw new TypeError("Cannot read properties of undefined (reading 's_active')"); } };
    });
    const { explore } = await import('../../src/explore/explore.ts');
    const s = oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1')] }], []);
    let err: unknown;
    try {
      explore(s);
    } catch (e) {
      err = e;
    }
    vi.doUnmock('../../src/model/fs/super.ts');
    vi.resetModules();
    expect((err as { kind?: string }).kind).toBe('internal-error');
    const msg = (err as Error).message;
    expect(msg).toContain("fixture: internal error in the model (init: Cannot read properties of undefined (reading 's_active'))");
    expect(msg).toContain('at step 7');
    expect(msg).toContain('replay: npm run nak -- run fixture --schedule "init*7"');
  });

  it('a broken model function is caught by the invariants during exploration', async () => {
    vi.resetModules();
    vi.doMock('../../src/model/fs/super.ts', async (orig) => {
      const real = (await orig()) as { deactivate_super: (ctx: never, sb: string) => void };
      // A model bug: every deactivate_super drops two references.
      return { ...real, deactivate_super: (ctx: { world: { supers: Record<string, { s_active: number }> } }, sb: string) => {
        ctx.world.supers[sb]!.s_active -= 1;
        real.deactivate_super(ctx as never, sb);
      } };
    });
    const { explore } = await import('../../src/explore/explore.ts');
    const s = oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1')] }], []);
    expect(() => explore(s)).toThrow(/model invariant broken by init's deactivate_super\(sb1\): no reference count below zero: sb1\.s_active is -1/);
    vi.doUnmock('../../src/model/fs/super.ts');
    vi.resetModules();
  });
});
