/**
 * A scenario at a glance, as litmus tests are written: the objects with their
 * starting counts, then each task's program in a column of its own. Generated
 * from the scenario's data (and its first state), so it cannot drift from it.
 */
import { callLabel } from '../model/step.ts';
import type { Op } from '../model/ops.ts';
import { buildWorld } from '../scenario/build.ts';
import { discardThreadName } from '../model/world.ts';
import type { Scenario } from '../scenario/define.ts';

/** How a program step reads: the call as the scenario file writes it. */
function stepText(op: Op): string {
  switch (op.fn) {
    case 'sys_umount':
      return `umount(${[op.mnt, ...op.flags].join(', ')})`;
    case 'sys_ioctl_shutdown':
      return `ioctl(${op.mnt}, F2FS_IOC_SHUTDOWN)`;
    case 'IsDataMounted':
      return `if ${op.mnt} in /proc/mounts: ioctl(${op.mnt}, F2FS_IOC_SHUTDOWN)`;
    case 'sys_reboot':
      return op.cmd ? `reboot(${op.cmd})` : callLabel(op);
    case 'sys_statfs':
      return `statfs(${op.mnt})`;
    case 'sys_close':
      return `close(${op.file})`;
    case 'wait_for':
      return `wait for ${op.milestone}`;
    default:
      return callLabel(op);
  }
}

export function litmus(s: Scenario): string {
  const w = buildWorld(s);
  const lines: string[] = [`${s.id} (${s.kernel})`];
  for (const sb of Object.values(w.supers)) lines.push(`${sb.bdev}: ${sb.id}, s_active ${sb.s_active}${sb.discard ? `, -o discard (kernel thread ${discardThreadName(sb.bdev)})` : ''}`);
  for (const m of Object.values(w.mounts)) lines.push(`${m.id} of ${m.sb}: ${m.mnt_ns ? `in ${m.mnt_ns}` : 'detached'}, mnt_count ${m.mnt_count}`);
  for (const f of Object.values(w.files)) lines.push(`${f.id} on ${f.mnt}: f_count ${f.f_count}`);
  const cols = s.tasks.map((t) => [`${t.name} (${t.kind === 'user' ? `user, ${t.ns}` : 'kernel thread'})`, ...t.program.map(stepText)]);
  const widths = cols.map((c) => Math.max(...c.map((x) => x.length)));
  const rows = Math.max(...cols.map((c) => c.length));
  lines.push('');
  for (let r = 0; r < rows; r++) {
    lines.push(cols.map((c, i) => (c[r] ?? '').padEnd(widths[i]!)).join(' | ').trimEnd());
    if (r === 0) lines.push(widths.map((n) => '-'.repeat(n)).join('-+-'));
  }
  if (s.prelude) lines.push('', `prelude: ${s.prelude}`);
  return lines.join('\n');
}
