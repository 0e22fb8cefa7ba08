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

/** No violations: one shared empty list, as most steps break nothing (this runs after every step the explorer takes). */
const NONE: readonly Violation[] = Object.freeze([]);

function negativeCounts(w: World): readonly Violation[] {
  let out: Violation[] | null = null;
  const check = (what: string, id: string, field: string, n: number): void => {
    if (n < 0) (out ??= []).push({ invariant: 'no reference count below zero', detail: `${id}.${field} is ${n} (${what})` });
  };
  for (const k in w.files) check('file', k, 'f_count', w.files[k]!.f_count);
  for (const k in w.mounts) check('mount', k, 'mnt_count', w.mounts[k]!.mnt_count);
  for (const k in w.supers) check('superblock', k, 's_active', w.supers[k]!.s_active);
  for (const k in w.namespaces) check('mount namespace', k, 'count', w.namespaces[k]!.count);
  return out ?? NONE;
}

/** A step whose op names an object that `before` already had freed or killed. */
function touchesFreed(before: World, e: StepEvent): readonly Violation[] {
  const op = e.op;
  if (!op) return NONE;
  const on = (detail: string): Violation[] => [{ invariant: 'no step on a freed object', detail: `${e.call} on ${detail}` }];
  switch (op.fn) {
    case 'fput':
    case '__fput':
      return before.files[op.file]?.freed ? on(`${op.file}, released by an earlier __fput()`) : NONE;
    case 'mntput_no_expire':
    case 'cleanup_mnt':
      return before.mounts[op.mnt]?.freed ? on(`${op.mnt}, freed by an earlier cleanup_mnt()`) : NONE;
    case 'deactivate_super':
      return before.supers[op.sb]?.state === 'dead' ? on(`${op.sb}, which is dead`) : NONE;
    case 'kill_block_super': {
      const state = before.supers[op.sb]?.state;
      return state !== 'dying'
        ? [{ invariant: 'a superblock is killed at most once, and only after its last active reference', detail: `${e.call} with ${op.sb} ${state}` }]
        : NONE;
    }
    default:
      return NONE;
  }
}

/** Every invariant that the step from `before` to `after` breaks. */
export function checkInvariants(before: World, event: StepEvent, after: World): readonly Violation[] {
  const freed = touchesFreed(before, event);
  const negative = negativeCounts(after);
  return freed.length === 0 ? negative : negative.length === 0 ? freed : [...freed, ...negative];
}
