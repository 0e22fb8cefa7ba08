/**
 * What a modelled kernel function sees while it runs one step: the state it may
 * change, the task it runs in, and a log of what it changed (for the trace) and
 * of what happened (for the property monitors).
 */
import type { Op } from './ops.ts';
import type { Task, World } from './world.ts';

/** Facts the property monitors observe; the trace text is for people. */
export type Signal =
  | { type: 'bio'; bdev: string; sb: string; what: string }
  | { type: 'device_shutdown'; bdevs: string[] }
  | { type: 'syscall_return'; syscall: string; ret: number; sb: string | null }
  | { type: '__fput'; file: string; sb: string }
  | { type: 'oops'; reason: string };

export interface StepContext {
  readonly world: World;
  readonly task: Task;
  /** Record a change, as the trace shows it ("file1.f_count 1→0"). */
  note(change: string): void;
  signal(s: Signal): void;
  /** Make these the task's next calls, in this order, before whatever it was going to do. */
  call(...ops: Op[]): void;
}

/** Formats a counter change for the trace. */
export function arrow(name: string, before: number | string, after: number | string): string {
  return `${name} ${before}→${after}`;
}
