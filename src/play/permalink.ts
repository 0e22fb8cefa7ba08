/**
 * The playground's permalink: `#<scenario-id>:<schedule>`, e.g.
 * `#just-past:init*6 kworker:fput*3` (URL-encoded). Parsing checks everything,
 * so a tampered link gives an error that says what is wrong, never a wrong run.
 */
import { NakError } from '../errors.ts';

export interface Permalink {
  readonly scenario: string;
  readonly schedule: string;
}

const MAX_LENGTH = 4000;

export function formatPermalink(p: Permalink): string {
  return `#${p.scenario}:${encodeURIComponent(p.schedule).replace(/%20/g, '+').replace(/%3A/gi, ':').replace(/%2A/gi, '*')}`;
}

/** Parse a location hash; an empty hash gives null (nothing chosen yet). */
export function parsePermalink(hash: string): Permalink | null {
  const body = hash.replace(/^#/, '');
  if (body === '') return null;
  if (body.length > MAX_LENGTH) throw new NakError('bad-permalink', `the link is ${body.length} characters long; at most ${MAX_LENGTH}`);
  const m = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?::(.*))?$/.exec(body);
  if (!m) throw new NakError('bad-permalink', `the link should read #<scenario>:<schedule>, got '#${body.slice(0, 80)}'`);
  let schedule: string;
  try {
    schedule = decodeURIComponent((m[2] ?? '').replace(/\+/g, ' '));
  } catch {
    throw new NakError('bad-permalink', `the schedule in the link is not valid URL encoding: '${(m[2] ?? '').slice(0, 80)}'`);
  }
  return { scenario: m[1]!, schedule };
}
