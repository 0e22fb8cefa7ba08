/** Looks scenarios up by id in the bundled catalogue; runs in Node and in the browser. */
import { NakError } from '../errors.ts';
import { CATALOGUE } from '../../scenarios/index.ts';
import type { Scenario } from './define.ts';
import { validateScenario } from './validate.ts';

let checked: Map<string, Scenario> | null = null;

/** Every bundled scenario, validated once. */
export function catalogue(): Map<string, Scenario> {
  if (!checked) {
    checked = new Map();
    for (const s of CATALOGUE) {
      const v = validateScenario(s, `scenarios/${(s as { id?: string }).id ?? '?'}.ts`);
      checked.set(v.id, v);
    }
  }
  return checked;
}

export function scenarioById(id: string): Scenario {
  const s = catalogue().get(id);
  if (!s) {
    throw new NakError('unknown-scenario', `unknown scenario '${id}'; known: ${[...catalogue().keys()].join(', ')}`);
  }
  return s;
}
