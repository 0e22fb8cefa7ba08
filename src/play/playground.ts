/** Where the playground starts: the NAK's own trace of just-past, at step 0, and each scenario at the start of its first pinned run. */
import { scenarioById } from '../scenario/catalogue.ts';
import type { Permalink } from './permalink.ts';
import { openStepper, type Stepper } from './stepper-state.ts';

const NAK = scenarioById('just-past');

/** The default: just-past, on the NAK's trace, before its first step. */
export const DEFAULT_LINK: Permalink = { scenario: NAK.id, schedule: NAK.schedules!['nak-trace']!.schedule, step: 0 };

/** A scenario picked from the list: at step 0 of its first pinned run, or of no run (every step the reader's choice). */
export function playgroundStart(id: string): Stepper {
  const pinned = Object.values(scenarioById(id).schedules ?? {})[0];
  return openStepper(id, pinned?.schedule ?? '', 0);
}
