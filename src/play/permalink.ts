/**
 * The playground's permalink: `#<scenario-id>:<schedule>`, e.g.
 * `#just-past:init*6 kworker:fput*3` (URL-encoded), and optionally `@<step>`:
 * show the state after that many steps of the schedule, with the rest of the
 * schedule still to step (`@0`: at the start, the whole run ahead). Parsing checks
 * everything, so a tampered link gives an error that says what is wrong, never a wrong run.
 */
import { NakError } from '../errors.ts';

export interface Permalink {
  readonly scenario: string;
  readonly schedule: string;
  /** The step shown (0 = the start); absent: the end of the schedule. */
  readonly step?: number;
}

const MAX_LENGTH = 4000;

export function formatPermalink(p: Permalink): string {
  const at = p.step === undefined ? '' : `@${p.step}`;
  return `#${p.scenario}:${encodeURIComponent(p.schedule).replace(/%20/g, '+').replace(/%3A/gi, ':').replace(/%2A/gi, '*')}${at}`;
}

/** Parse a location hash; an empty hash gives null (nothing chosen yet). */
export function parsePermalink(hash: string): Permalink | null {
  const body = hash.replace(/^#/, '');
  if (body === '') return null;
  if (body.length > MAX_LENGTH) throw new NakError('bad-permalink', `the link is ${body.length} characters long; at most ${MAX_LENGTH}`);
  const m = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?::(.*))?$/.exec(body);
  if (!m) throw new NakError('bad-permalink', `the link should read #<scenario>:<schedule>, got '#${body.slice(0, 80)}'`);
  let rest = m[2] ?? '';
  let step: number | undefined;
  const at = /@([^@]*)$/.exec(rest);
  if (at) {
    if (!/^(0|[1-9][0-9]{0,3})$/.test(at[1]!)) throw new NakError('bad-permalink', `the step in the link should be a whole number of steps, got '@${at[1]!.slice(0, 20)}'`);
    step = Number(at[1]);
    rest = rest.slice(0, at.index);
  }
  let schedule: string;
  try {
    schedule = decodeURIComponent(rest.replace(/\+/g, ' '));
  } catch {
    throw new NakError('bad-permalink', `the schedule in the link is not valid URL encoding: '${rest.slice(0, 80)}'`);
  }
  return step === undefined ? { scenario: m[1]!, schedule } : { scenario: m[1]!, schedule, step };
}
