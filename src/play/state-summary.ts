/** The model's state in a few lines, for the playground's "state now" panel. */
import type { World } from '../model/world.ts';

export function stateSummary(w: World): string[] {
  const lines: string[] = [];
  for (const f of Object.values(w.files)) lines.push(`${f.id}: f_count ${f.f_count}, on ${f.mnt}`);
  for (const m of Object.values(w.mounts)) {
    const where = m.mnt_ns ? `attached in ${m.mnt_ns}` : 'detached';
    lines.push(`${m.id}: mnt_count ${m.mnt_count}, ${where}${m.doomed ? ', MNT_DOOMED' : ''}`);
  }
  for (const s of Object.values(w.supers)) lines.push(`${s.id}: s_active ${s.s_active}, ${s.state}${s.shutdown ? ', shut down by ioctl' : ''}`);
  for (const b of Object.values(w.bdevs)) lines.push(`${b.id}: ${b.state === 'alive' ? 'alive' : 'shut down'}`);
  lines.push(`delayed_fput_list: [${w.delayed_fput_list.join(', ')}]`);
  lines.push(`delayed_mntput_list: [${w.delayed_mntput_list.join(', ')}]`);
  for (const wk of Object.values(w.works)) {
    const st = [wk.pending === 'timer' ? 'timer armed' : wk.pending === 'queued' ? 'queued' : null, wk.running ? 'running' : null].filter(Boolean);
    lines.push(`${wk.id}: ${st.length ? st.join(', ') : 'idle'}`);
  }
  if (w.halted) lines.push(w.halted === 'oops' ? `OOPS: ${w.oops}` : 'the machine has restarted');
  return lines;
}
