import { describe, expect, it } from 'vitest';
import { NakError } from '../../src/errors.ts';
import { claimValue, traceOutput } from '../../src/notebook/evaluate.ts';
import { checkSource } from '../../src/notebook/verify-files.ts';
import { scenarioById } from '../../src/scenario/catalogue.ts';

const justPast = scenarioById('just-past');
const nak = { pinned: 'nak-trace' };

describe("the NAK's two-CPU layout", () => {
  it('puts kernel threads, timers and workers on CPU1 and init on CPU2, each cell naming its task', () => {
    const text = traceOutput(justPast, nak, 'cpus');
    expect(text).toMatch(/^step +CPU1 +CPU2 +what changed$/m);
    expect(text).toMatch(/^7 +kworker:fput: __fput\(file1\) +file1 released$/m);
    expect(text).toMatch(/^5 +init: flush_delayed_fput +=/m);
    expect(text).not.toMatch(/^\d+ +CPU1/m);
  });

  it('is the same run as the task layout: same steps, same changes', () => {
    const strip = (t: string) => t.split('\n').filter((l) => /^\d/.test(l)).map((l) => l.replace(/ {2,}.*? {2,}/, ' ').split(' ')[0]);
    expect(strip(traceOutput(justPast, nak, 'cpus'))).toEqual(strip(traceOutput(justPast, nak)));
  });
});

describe('a claim for the step at which a task makes a call', () => {
  it("finds each line of the NAK's trace", () => {
    expect(claimValue(justPast, 'step-of init flush_delayed_fput', nak)).toBe('5');
    expect(claimValue(justPast, 'step-of kworker:fput __fput(file1)', nak)).toBe('7');
    expect(claimValue(justPast, 'step-of init exit_to_usermode#2', nak)).toBe('14');
  });

  it('a call the task does not make (that many times) is an error, not a guess', () => {
    expect(() => claimValue(justPast, 'step-of init exit_to_usermode#3', nak)).toThrow(NakError);
    expect(() => claimValue(justPast, 'step-of init exit_to_usermode#3', nak)).toThrow('init makes the call exit_to_usermode 2 times in this run, not 3');
  });

  it('a layout that does not exist is a malformed cell', () => {
    const src = "import TraceCell from '../src/components/TraceCell.astro';\n\n<TraceCell scenario=\"just-past\" pinned=\"nak-trace\" layout=\"columns\" output={`\nx\n`} />\n";
    expect(checkSource('x.mdx', src).issues).toEqual([expect.objectContaining({ kind: 'malformed-cell', line: 3, message: '<TraceCell>: layout="columns" is not tasks or cpus' })]);
  });
});

it('a step of the prelude is named as the trace names it', () => {
  expect(claimValue(justPast, 'step-of kworker:fput delayed_fput', nak)).toBe('p4');
});

it('on the page, the CPU layout has one column per CPU with the task and call in it', async () => {
  const { renderTraceTable } = await import('../../src/notebook/render.ts');
  const { replay } = await import('../../src/explore/run.ts');
  const html = renderTraceTable(replay(justPast, justPast.schedules!['nak-trace']!.schedule), 'cpus');
  expect(html).toContain('<th scope="col" class="nak-cpu nak-lane-0">CPU1</th><th scope="col" class="nak-cpu nak-lane-1">CPU2</th>');
  expect(html).toMatch(/<th scope="row">7<\/th><td class="nak-cpu-call" data-cpu="CPU1"><span class="nak-task nak-lane-0">kworker:fput<\/span> <a class="nak-src" href="[^"]+"[^>]*><code>__fput\(file1\)<\/code><\/a><\/td><td class="nak-cpu-call"><\/td>/);
});
