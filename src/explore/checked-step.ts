/**
 * One step of the model as the explorer and the runs take it: the step, then
 * the model's invariants. A broken invariant or an exception thrown inside
 * the model is a model error, reported with the scenario and a schedule that
 * replays it, never a verdict and never a bare stack trace.
 */
import { NakError } from '../errors.ts';
import { step, type StateView, type StepResult } from '../model/step.ts';
import type { World } from '../model/world.ts';
import { checkInvariants } from '../properties/invariants.ts';
import { formatSchedule } from './schedule.ts';

/** Where a step happens: the scenario, and the steps (after the prelude) that lead to it, this one last. */
export interface StepPlace {
  readonly scenario: string;
  /** True for a step of the scenario's prelude. */
  readonly prelude: boolean;
  readonly path: () => readonly string[];
}

function replayHint(place: StepPlace): string {
  const path = place.path();
  const where = place.prelude ? `in the prelude, at step p${path.length}` : `at step ${path.length}`;
  const cmd = place.prelude
    ? `npm run nak -- run ${place.scenario} --schedule ""`
    : `npm run nak -- run ${place.scenario} --schedule "${formatSchedule(path)}"`;
  return `${where}\n  replay: ${cmd}`;
}

export function checkedStep(world: World, name: string, place: StepPlace, view?: StateView): StepResult {
  let r: StepResult;
  try {
    r = step(world, name, view);
  } catch (e) {
    if (e instanceof NakError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new NakError('internal-error', `${place.scenario}: internal error in the model (${name}: ${msg}) ${replayHint(place)}`);
  }
  const broken = checkInvariants(world, r.event, r.world);
  if (broken.length) {
    const list = broken.map((v) => `${v.invariant}: ${v.detail}`).join('; ');
    throw new NakError('model-error', `${place.scenario}: model invariant broken by ${name}'s ${r.event.call}: ${list} ${replayHint(place)}`);
  }
  return r;
}
