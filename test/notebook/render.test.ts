import { describe, expect, it } from 'vitest';
import { explore } from '../../src/explore/explore.ts';
import { replay } from '../../src/explore/run.ts';
import { escapeHtml, groupDigits, renderExploreTable, renderTraceTable } from '../../src/notebook/render.ts';
import { scenarioById } from '../../src/scenario/catalogue.ts';

describe('render.ts', () => {
  const s = scenarioById('just-past');
  const run = replay(s, s.schedules!['nak-trace']!.schedule);

  it('tutorial: a trace becomes a table with one lane per task and the call and changes of each step', async () => {
    const html = renderTraceTable(run);
    const lanes = [...html.matchAll(/<th scope="col" class="nak-lane[^"]*"><span>([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(lanes).toEqual(['init', 'kthread', 'timer:fput', 'kworker:fput', 'timer:mntput', 'kworker:mntput']);
    expect(html.match(/<tr[ >]/g)!.length).toBe(1 + run.steps.length);
    await expect(html).toMatchFileSnapshot('../../scenarios/__traces__/just-past.nak-trace.html');
  });

  it('marks the step where a property is first seen, and the oops', () => {
    const html = renderTraceTable(run);
    expect(html).toMatch(/<tr class="nak-seen"><th scope="row">23<\/th>.*?<span class="nak-badge">oops<\/span>/);
    expect(html).toContain('<span class="nak-change nak-oops">OOPS: ');
    expect(html).toMatch(/<tr class="nak-prelude"><th scope="row">p1<\/th>/);
  });

  it('escapes what it prints', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });

  it('an exploration becomes a verdict table with counts and witnesses', () => {
    const r = explore(s);
    const html = renderExploreTable(s, r);
    expect(html).toContain(`${r.states} states, ${r.transitions} transitions`);
    expect(html).toMatch(/<code>oops<\/code><\/th><td data-label="declared">sometimes<\/td><td data-label="found"><strong>sometimes<\/strong><\/td><td data-label="schedules that see it">[\d,]+ of [\d,]+<\/td><td data-label="shortest witness"><code>init\*5/);
    // Counts read with digit grouping on the page; the checked text keeps them exact.
    expect(html).toContain(`${groupDigits(r.properties.oops!.schedulesSeen)} of ${groupDigits(r.schedules)}`);
    expect(groupDigits(729631)).toBe('729,631');
    expect(html).not.toContain('(differs)');
  });
});

it("a lane's colour is fixed by the task's place in the scenario, whichever tasks the run uses", async () => {
  const { replay } = await import('../../src/explore/run.ts');
  const { scenarioById } = await import('../../src/scenario/catalogue.ts');
  const s = scenarioById('kthread-lazy-umount');
  const colourOf = (html: string, task: string) => new RegExp(`class="nak-lane (nak-lane-\\d)"><span>${task}</span>`).exec(html)?.[1];
  const a = renderTraceTable(replay(s, s.schedules!['reboot-crash']!.schedule));
  const b = renderTraceTable(replay(s, 'kthread timer:fput kworker:fput'));
  expect(colourOf(a, 'kworker:fput')).toBe('nak-lane-3');
  expect(colourOf(b, 'kworker:fput')).toBe(colourOf(a, 'kworker:fput'));
  expect(b).toContain('class="nak-legend"');
});

it('a scenario at a glance lists its objects with their first counts and each task in a column', async () => {
  const { litmus } = await import('../../src/notebook/litmus.ts');
  const { scenarioById } = await import('../../src/scenario/catalogue.ts');
  const text = litmus(scenarioById('just-past'));
  expect(text).toContain('sda: sb1, s_active 2');
  expect(text).toContain('mnt2 of sb1: detached, mnt_count 1');
  expect(text).toMatch(/^init \(user, ns1\) +\| kthread \(kernel thread\)$/m);
  expect(text).toMatch(/^umount\(mnt1, UMOUNT_WAIT\) \| fput\(file1\)$/m);
  expect(text).toContain('prelude: kthread timer:fput kworker:fput*2');
});
