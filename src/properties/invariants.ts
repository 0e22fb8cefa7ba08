/**
 * The model's own sanity, checked after every step of every run and every
 * exploration (as SPIN checks its assertions): no reference count below
 * zero, no superblock killed twice, no step on an object already freed. A
 * violation is a bug in the model or a scenario it should have refused, never
 * a verdict: the explorer stops and reports it with a schedule that replays it.
 */
import type { StepEvent } from '../model/step.ts';
import type { World } from '../model/world.ts';

export interface Violation {
  /** Which invariant, in a few words. */
  readonly invariant: string;
  /** What broke it, naming the object. */
  readonly detail: string;
}

function negativeCounts(w: World): Violation[] {
  const out: Violation[] = [];
  const check = (what: string, id: string, field: string, n: number): void => {
    if (n < 0) out.push({ invariant: 'no reference count below zero', detail: `${id}.${field} is ${n} (${what})` });
  };
  for (const f of Object.values(w.files)) check('file', f.id, 'f_count', f.f_count);
  for (const m of Object.values(w.mounts)) check('mount', m.id, 'mnt_count', m.mnt_count);
  for (const sb of Object.values(w.supers)) check('superblock', sb.id, 's_active', sb.s_active);
  for (const ns of Object.values(w.namespaces)) check('mount namespace', ns.id, 'count', ns.count);
  return out;
}

/** A step whose op names an object that `before` already had freed or killed. */
function touchesFreed(before: World, e: StepEvent): Violation[] {
  const op = e.op;
  if (!op) return [];
  const on = (detail: string): Violation[] => [{ invariant: 'no step on a freed object', detail: `${e.call} on ${detail}` }];
  switch (op.fn) {
    case 'fput':
    case '__fput':
      return before.files[op.file]?.freed ? on(`${op.file}, released by an earlier __fput()`) : [];
    case 'mntput_no_expire':
    case 'cleanup_mnt':
      return before.mounts[op.mnt]?.freed ? on(`${op.mnt}, freed by an earlier cleanup_mnt()`) : [];
    case 'deactivate_super':
      return before.supers[op.sb]?.state === 'dead' ? on(`${op.sb}, which is dead`) : [];
    case 'kill_block_super': {
      const state = before.supers[op.sb]?.state;
      return state !== 'dying'
        ? [{ invariant: 'a superblock is killed at most once, and only after its last active reference', detail: `${e.call} with ${op.sb} ${state}` }]
        : [];
    }
    default:
      return [];
  }
}

/** Every invariant that the step from `before` to `after` breaks. */
export function checkInvariants(before: World, event: StepEvent, after: World): Violation[] {
  return [...touchesFreed(before, event), ...negativeCounts(after)];
}
