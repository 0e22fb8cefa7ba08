import { describe, expect, it } from 'vitest';
import { claim, exploreCell, traceCell } from '../../src/notebook/cell.ts';
import { traceOutput } from '../../src/notebook/evaluate.ts';
import { scenarioById } from '../../src/scenario/catalogue.ts';

describe('cell.ts: what the components render, checked against what the MDX writes', () => {
  const output = '\n' + traceOutput(scenarioById('just-past'), { pinned: 'nak-trace' }) + '\n';

  it('tutorial: a trace cell whose written output matches renders the run and a playground link', () => {
    const cell = traceCell({ scenario: 'just-past', pinned: 'nak-trace', output }, '/page/');
    expect(cell.html).toContain('class="nak-trace"');
    expect(cell.play).toBe('/play/#just-past:init*6+kworker:fput*3+init*8+timer:mntput+kworker:mntput*5@0');
    expect(cell.stepper).toEqual({ schedule: 'init*6 kworker:fput*3 init*8 timer:mntput kworker:mntput*5', playUrl: '/play/' });
  });

  it('a stale or missing output fails with the page, the line and both texts', () => {
    const stale = output.replace('ns1→NULL', 'ns2→NULL');
    expect(() => traceCell({ scenario: 'just-past', pinned: 'nak-trace', output: stale }, '/page/')).toThrow(
      /^\/page\/: <TraceCell> differs from the model at its line \d+\n {2}expected: .*ns2→NULL\n {2}actual: {3}.*ns1→NULL/,
    );
    expect(() => exploreCell({ scenario: 'just-past' }, '/page/')).toThrow('/page/: <ExploreCell> has no written expectation');
  });

  it("a claim renders the model's value only when the MDX states it", () => {
    expect(claim({ scenario: 'just-past', pinned: 'nak-trace', value: 'oops.step', is: '23' }, '/p/')).toBe('23');
    expect(() => claim({ scenario: 'just-past', pinned: 'nak-trace', value: 'oops.step', is: '22' }, '/p/')).toThrow('expected: 22');
  });
});
