import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explore } from '../../src/explore/explore.ts';
import { CATALOGUE } from '../../scenarios/index.ts';
import { catalogue } from '../../src/scenario/catalogue.ts';

const FIXED_IDS = [
  'baseline-umount',
  'kthread-lazy-umount',
  'deferred-batch',
  'umount-wait-lazy',
  'umount-wait-only-case',
  'just-before',
  'just-past',
  'two-namespaces',
  'unrelated-flush',
  'vendor-just-before',
  'vendor-just-past',
  'vendor-two-namespaces',
  'shutdown-ioctl',
];

describe('the scenario catalogue', () => {
  it('holds every scenario file, each under its own id, and the ids the site and CI use', () => {
    const files = readdirSync('scenarios')
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(CATALOGUE.map((s) => s.id).sort()).toEqual(files);
    for (const id of FIXED_IDS) expect(catalogue().has(id), id).toBe(true);
  });

  for (const s of CATALOGUE) {
    it(`${s.id}: exploration is complete and finds the declared verdicts`, () => {
      const r = explore(s);
      expect(r.complete, r.incomplete ?? '').toBe(true);
      const found = Object.fromEntries(Object.entries(r.properties).map(([p, v]) => [p, v.verdict]));
      expect(found).toEqual(s.expect);
      for (const [p, v] of Object.entries(r.properties)) {
        expect(v.reachable, p).toBe(v.verdict !== 'never');
        if (v.reachable) expect(BigInt(v.schedulesSeen), p).toBeGreaterThan(0n);
        if (v.verdict === 'always') expect(v.schedulesSeen, p).toBe(r.schedules);
        if (v.verdict === 'sometimes') expect(BigInt(v.schedulesSeen), p).toBeLessThan(BigInt(r.schedules));
      }
    });
  }
});
