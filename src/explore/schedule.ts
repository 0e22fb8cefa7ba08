/**
 * The replay key: a schedule is the list of task names, one per step, written
 * with spaces; "init*3" stands for three steps of init in a row.
 */
import { NakError } from '../errors.ts';

/**
 * The longest schedule anything replays: no run of the model gets near it
 * (the catalogue's longest is a few dozen steps). A schedule is checked
 * against it token by token, as it is read, so that an enormous one fails at
 * once instead of being expanded first.
 */
export const MAX_SCHEDULE_STEPS = 1000;

const TOKEN = /^([a-z][a-z0-9-]*(?::[a-z]+)?)(?:\*([0-9]+))?$/;

/** Parse a schedule string against the known task names. */
export function parseSchedule(text: string, taskNames: readonly string[], where = 'schedule'): string[] {
  const out: string[] = [];
  const words = /\S+/g;
  let i = 0;
  for (let m = words.exec(text); m; m = words.exec(text)) {
    const tok = m[0].length > 40 ? `${m[0].slice(0, 40)}…` : m[0];
    i++;
    const t = TOKEN.exec(m[0]);
    if (!t || t[2] === '0' || t[2]?.startsWith('0')) {
      throw new NakError('bad-schedule', `${where}: token ${i} '${tok}' is not a task name or name*count (count 1 to ${MAX_SCHEDULE_STEPS})`);
    }
    const name = t[1]!;
    if (!taskNames.includes(name)) {
      throw new NakError('bad-schedule', `${where}: token ${i} '${tok}' names no task; tasks: ${taskNames.join(', ')}`);
    }
    const count = t[2] ? Number(t[2]) : 1;
    if (count > MAX_SCHEDULE_STEPS) {
      throw new NakError('bad-schedule', `${where}: token ${i} '${tok}': a count is at most ${MAX_SCHEDULE_STEPS}`);
    }
    if (out.length + count > MAX_SCHEDULE_STEPS) {
      throw new NakError('bad-schedule', `${where}: longer than ${MAX_SCHEDULE_STEPS} steps at token ${i} '${tok}': no run of the model is that long`);
    }
    for (let k = 0; k < count; k++) out.push(name);
  }
  return out;
}

/** Write steps as a schedule string, folding runs of one task into name*count. */
export function formatSchedule(steps: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < steps.length; ) {
    let j = i;
    while (j < steps.length && steps[j] === steps[i]) j++;
    parts.push(j - i > 1 ? `${steps[i]}*${j - i}` : steps[i]!);
    i = j;
  }
  return parts.join(' ');
}
