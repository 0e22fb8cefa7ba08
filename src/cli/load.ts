/** Resolves a CLI argument to a scenario: a catalogue id, or the path of any scenario module. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NakError } from '../errors.ts';
import { scenarioById } from '../scenario/catalogue.ts';
import type { Scenario } from '../scenario/define.ts';
import { validateScenario } from '../scenario/validate.ts';

export function looksLikePath(arg: string): boolean {
  return arg.includes('/') || /\.(ts|mts|js|mjs)$/.test(arg);
}

export async function loadScenario(arg: string): Promise<Scenario> {
  if (!looksLikePath(arg)) return scenarioById(arg);
  const file = resolve(arg);
  if (!existsSync(file)) throw new NakError('unknown-scenario', `no scenario file at ${arg}`);
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new NakError('bad-scenario', `${arg}: cannot load the module: ${msg}`);
  }
  return validateScenario(mod.default, arg);
}
