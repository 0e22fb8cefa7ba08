import { describe, expect, it } from 'vitest';
import { exitStatusOf, main } from '../../src/cli/main.ts';
import { NakError } from '../../src/errors.ts';
import { explore } from '../../src/explore/explore.ts';
import { mapMark, OUTCOMES } from '../../src/explore/map.ts';
import { renderMapFigure } from '../../src/notebook/map-figure.ts';
import { groupDigits } from '../../src/notebook/render.ts';
import { mapData, mapText } from '../../src/notebook/map.ts';
import { checkSource } from '../../src/notebook/verify-files.ts';
import { scenarioById } from '../../src/scenario/catalogue.ts';
import { readFileSync } from 'node:fs';

const ids = ['window-without-flag', 'window-with-flag'];

describe('maps: every schedule, sorted by where a mark falls and how the run ends', () => {
  for (const id of ids) {
    for (const mark of ['kthread-fput', 'worker-takes-file']) {
      it(`${id} by ${mark}: the rows partition the schedules, and agree with the exploration's outcomes`, () => {
        const s = scenarioById(id);
        const m = mapMark(s, mark);
        const r = explore(s);
        const total = (o: (typeof OUTCOMES)[number] | 'no restart') => m.rows.reduce((n, row) => n + row.counts[o], 0);
        expect(OUTCOMES.reduce((n, o) => n + total(o), 0) + total('no restart')).toBe(m.schedules);
        expect(m.schedules).toBe(r.schedules);
        expect(total('oops')).toBe(r.properties.oops!.schedulesSeen);
        expect(total('oops') + total('restart with a live filesystem')).toBe(r.properties['device-shutdown-under-live-fs']!.schedulesSeen);
        expect(m.rows.map((x) => x.position)).toContain('after do_umount(mnt1)');
      });
    }
  }

  it("the flag's map has the rows of its two flushes, and the stock kernel's does not", () => {
    const d = mapData(ids.join(' '), 'kthread-fput');
    expect(mapText(d)).toMatch(/^after flush_delayed_fput +- +- +- +\d+ +\d+ +\d+$/m);
  });

  it('the figure is drawn from the same numbers as the text', () => {
    const d = mapData(ids.join(' '), 'kthread-fput');
    const svg = renderMapFigure(d);
    const row = d.reports[1]!.rows.find((r) => r.position === 'before umount(2)')!;
    const total = OUTCOMES.reduce((n, o) => n + row.counts[o], 0);
    expect(svg).toContain(`<title>window-with-flag, before umount(2): oops in ${row.counts.oops} of ${total} schedules</title>`);
    expect(svg).toContain(`<td>${groupDigits(row.counts['clean restart'])}</td>`);
  });

  it('a changed number in a map cell fails the drift check at its line', () => {
    const file = 'content/chapters/09-the-map.mdx';
    const text = readFileSync(file, 'utf8');
    const line = /^before umount\(2\) .*$/m.exec(text)![0];
    const mutated = text.replace(line, line.replace(/\d+$/, (n) => String(Number(n) + 1)));
    const issues = checkSource(file, mutated).issues;
    expect(issues).toEqual([expect.objectContaining({ kind: 'stale-output', line: mutated.slice(0, mutated.indexOf(line.replace(/\d+$/, (n) => String(Number(n) + 1)))).split('\n').length })]);
  });

  it("a map is bounded like an exploration, with the same message", () => {
    expect(() => mapMark(scenarioById('window-with-flag'), 'kthread-fput', { maxStates: 10 })).toThrow(
      'window-with-flag: map of kthread-fput: more than 10 states (max states 10); no map',
    );
  });

  it('nak map prints it; an unknown mark names the ones there are', async () => {
    let out = '';
    let err = '';
    const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s) };
    expect(await main(['map', 'window-with-flag', 'kthread-fput'], io)).toBe(0);
    expect(out).toContain('map window-with-flag (v4.13+umount-wait-v2)');
    try {
      await main(['map', 'window-with-flag', 'nope'], io);
      expect.unreachable();
    } catch (e) {
      expect(exitStatusOf(e as NakError)).toBe(2);
      expect((e as Error).message).toBe("window-with-flag has no mark 'nope'; it has: kthread-fput, worker-takes-file");
    }
  });
});
