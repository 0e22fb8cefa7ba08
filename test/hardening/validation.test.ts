import { describe, expect, it } from 'vitest';
import { NakError } from '../../src/errors.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { exit, fput, umount, waitFor } from '../../src/scenario/define.ts';
import { oneFs } from '../helpers.ts';

function problems(raw: unknown): string {
  try {
    validateScenario(raw, 'x.ts');
  } catch (e) {
    if (e instanceof NakError) return e.message;
    throw e;
  }
  return '';
}

describe('validation catches what cannot run', () => {
  it('a file fput more often than it has references', () => {
    const s = oneFs([
      { name: 'kthread', kind: 'kthread', program: [fput('file1')] },
      { name: 'init', kind: 'user', ns: 'ns1', program: [] },
      { name: 'worker', kind: 'kthread', program: [fput('file1')] },
    ]);
    expect(problems(s)).toContain("tasks[2].program[0]: fput('file1') again: file1 has one reference, already dropped at tasks[0].program[0]");
  });

  it("a discard filesystem's device is named in letters, Android init's check is a user task's, and reboot takes the commands the model runs", () => {
    const s = structuredClone(oneFs([
      { name: 'init', kind: 'user', ns: 'ns1', program: [{ fn: 'sys_reboot', cmd: 'LINUX_REBOOT_CMD_HALT' } as never] },
      { name: 'kthread', kind: 'kthread', program: [{ fn: 'IsDataMounted', mnt: 'mnt1' }] },
    ], []));
    (s.setup.filesystems as unknown as Array<{ discard: boolean }>)[0]!.discard = true;
    let msg = problems(s);
    expect(msg).toContain("tasks[0].program[0]: reboot command must be one of LINUX_REBOOT_CMD_RESTART, LINUX_REBOOT_CMD_RESTART2, got 'LINUX_REBOOT_CMD_HALT'");
    expect(msg).toContain("tasks[1].program[0]: IsDataMounted is a step of a user task's: only a user task makes it");
    (s.setup.filesystems as unknown as Array<{ bdev: string }>)[0]!.bdev = 'sda1';
    msg = problems(s);
    expect(msg).toContain("setup.filesystems[0].bdev: a filesystem mounted with discard needs a device named in letters only: its discard thread is 'f2fs-discard:sda1'");
  });

  it('ids that every JavaScript object already has, or that are not names', () => {
    const s = structuredClone(oneFs([{ name: 'init', kind: 'user', ns: 'ns1', program: [] }], []));
    (s.setup.mounts as unknown as Array<{ id: string }>)[0]!.id = 'constructor';
    (s.setup.filesystems as unknown as Array<{ sb: string }>)[0]!.sb = '__proto__';
    const msg = problems(s);
    expect(msg).toContain("setup.mounts[0].id: 'constructor' is reserved (every JavaScript object has it); choose another name");
    expect(msg).toContain("setup.filesystems[0].sb: '__proto__' is not a name");
  });

  it('a waitFor naming a task that does not exist, a call it never makes, or reboot', () => {
    const s = oneFs([
      { name: 'init', kind: 'user', ns: 'ns1', program: [umount('mnt1'), exit()] },
      { name: 'kthread', kind: 'kthread', program: [waitFor('nobody:umount:returned'), waitFor('init:ioctl:returned'), waitFor('init:reboot:returned'), waitFor('init:umount:returned')] },
    ], []);
    const msg = problems(s);
    expect(msg).toContain("tasks[1].program[0]: waitFor('nobody:umount:returned') names no task 'nobody'");
    expect(msg).toContain("tasks[1].program[1]: waitFor('init:ioctl:returned'): init makes no ioctl(2) call");
    expect(msg).toContain("tasks[1].program[2]: waitFor('init:reboot:returned'): reboot(2) never returns");
    expect(msg).not.toContain('program[3]');
  });

  it('the catalogue itself passes', async () => {
    const { CATALOGUE } = await import('../../scenarios/index.ts');
    for (const s of CATALOGUE) expect(problems(s)).toBe('');
  });
});
