/**
 * The replay key: a schedule is the list of task names, one per step, written
 * with spaces; "init*3" stands for three steps of init in a row.
 */
import { NakError } from '../errors.ts';

const TOKEN = /^([a-z][a-z0-9-]*(?::[a-z]+)?)(?:\*([1-9][0-9]{0,3}))?$/;

/** Parse a schedule string against the known task names. */
export function parseSchedule(text: string, taskNames: readonly string[], where = 'schedule'): string[] {
  const out: string[] = [];
  const tokens = text.trim() === '' ? [] : text.trim().split(/\s+/);
  tokens.forEach((tok, i) => {
    const m = TOKEN.exec(tok);
    if (!m) {
      throw new NakError('bad-schedule', `${where}: token ${i + 1} '${tok}' is not a task name or name*count`);
    }
    const name = m[1]!;
    if (!taskNames.includes(name)) {
      throw new NakError('bad-schedule', `${where}: token ${i + 1} '${tok}' names no task; tasks: ${taskNames.join(', ')}`);
    }
    const count = m[2] ? Number(m[2]) : 1;
    for (let k = 0; k < count; k++) out.push(name);
  });
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
