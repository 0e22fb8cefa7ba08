/**
 * No crash on a valid scenario: small scenarios drawn at random (seeded) from
 * everything validation accepts are explored to the end, and none may end in
 * a model error or an internal error.
 */
import { describe, expect, it } from 'vitest';
import { NakError } from '../../src/errors.ts';
import { explore } from '../../src/explore/explore.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import type { Scenario } from '../../src/scenario/define.ts';
import { randomScenario } from '../random-scenario.ts';

describe('random valid scenarios', () => {
  it('explore to the end with no model error and no internal error (100 seeds)', () => {
    let explored = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const s = randomScenario(seed);
      let valid: Scenario;
      try {
        valid = validateScenario(s, s.id);
      } catch (e) {
        if (e instanceof NakError && e.kind === 'bad-scenario') continue;
        throw e;
      }
      const r = explore(valid, { maxStates: 1_500, maxDepth: 500 });
      if (r.complete) explored++;
    }
    // Most draws are valid and small; a generator that produced nothing would make this test vacuous.
    expect(explored).toBeGreaterThan(50);
  });
});
