import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { replay, startWorld } from '../../src/explore/run.ts';
import { formatSchedule, parseSchedule } from '../../src/explore/schedule.ts';
import { cloneWorld, type World } from '../../src/model/world.ts';
import { escapeHtml } from '../../src/notebook/render.ts';
import { renderStateDiagram, stateFacts, stateFactsText, type StateFact } from '../../src/notebook/state-diagram.ts';
import { scenarioById } from '../../src/scenario/catalogue.ts';

const s = scenarioById('just-past');
const NAK = s.schedules!['nak-trace']!.schedule;
const names = parseSchedule(NAK, startWorld(s).world.tasks.map((t) => t.name));
/** The state after the first k steps of the NAK's trace (0: just after the prelude). */
const worldAt = (k: number): World => replay(s, formatSchedule(names.slice(0, k))).world;
const worlds = Array.from({ length: names.length + 1 }, (_, k) => worldAt(k));
const key = (f: { kind: string; id: string }) => `${f.kind}:${f.id}`;
const fact = (facts: StateFact[], kind: string, id: string) => facts.find((f) => f.kind === kind && f.id === id)!;
const svgAt = (k: number, idPrefix = 'sd') => renderStateDiagram(worlds[k]!, { before: k > 0 ? worlds[k - 1] : null, label: `just-past after step ${k}`, idPrefix });

/** An independent "what changed": each record compared whole with node's deep equality. */
function expectedChanged(a: World, b: World): string[] {
  const out: string[] = [];
  for (const t of b.tasks) if (!isDeepStrictEqual(t, a.tasks.find((x) => x.name === t.name))) out.push(`task:${t.name}`);
  const recs = [['file', 'files'], ['mount', 'mounts'], ['super', 'supers'], ['bdev', 'bdevs'], ['namespace', 'namespaces'], ['work', 'works']] as const;
  for (const [kind, field] of recs) {
    for (const [id, v] of Object.entries(b[field])) if (!isDeepStrictEqual(v, (a[field] as Record<string, unknown>)[id])) out.push(`${kind}:${id}`);
  }
  for (const l of ['delayed_fput_list', 'delayed_mntput_list'] as const) if (!isDeepStrictEqual(a[l], b[l])) out.push(`list:${l}`);
  if (a.reboot_mutex !== b.reboot_mutex) out.push('machine:reboot_mutex');
  if (a.system_state !== b.system_state) out.push('machine:system_state');
  if (a.halted !== b.halted || a.oops !== b.oops) out.push('machine:halted');
  return out.sort();
}

/** Each node of a diagram: its kind, id, classes, rectangle and text lines. */
function nodes(svg: string) {
  const re = /<g class="([^"]+)" data-kind="([^"]+)" data-id="([^"]+)"><title>([^<]*)<\/title><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" rx="5"\/><text>(.*?)<\/text><\/g>/g;
  return [...svg.matchAll(re)].map((m) => ({
    classes: m[1]!.split(' '),
    key: `${m[2]}:${m[3]}`,
    title: m[4]!,
    rect: { x: +m[5]!, y: +m[6]!, w: +m[7]!, h: +m[8]! },
    lines: [...m[9]!.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')),
  }));
}

/** Each edge as its ends and its straight segments (paths are M x,y then V/H moves only). */
function edges(svg: string) {
  return [...svg.matchAll(/<path class="nak-sd-edge[^"]*" data-from="([^"]+)" data-to="([^"]+)" d="([^"]+)"/g)].map((m) => {
    const pts: Array<[number, number]> = [];
    for (const cmd of m[3]!.split(' ')) {
      const [x, y] = pts[pts.length - 1] ?? [0, 0];
      if (cmd.startsWith('M')) pts.push(cmd.slice(1).split(',').map(Number) as [number, number]);
      else if (cmd.startsWith('V')) pts.push([x, +cmd.slice(1)]);
      else if (cmd.startsWith('H')) pts.push([+cmd.slice(1), y]);
      else throw new Error(`unexpected path command ${cmd}`);
    }
    return { from: m[1]!, to: m[2]!, pts };
  });
}

/** Whether an axis-parallel segment enters a rectangle's interior. */
function crosses([x1, y1]: [number, number], [x2, y2]: [number, number], r: { x: number; y: number; w: number; h: number }): boolean {
  const e = 0.5;
  const [lx, hx, ly, hy] = [Math.min(x1, x2), Math.max(x1, x2), Math.min(y1, y2), Math.max(y1, y2)];
  return hx > r.x + e && lx < r.x + r.w - e && hy > r.y + e && ly < r.y + r.h - e;
}

type Seg = Array<[number, number]>;
const range = (a: number, b: number) => [Math.min(a, b), Math.max(a, b)] as const;

/**
 * Whether two axis-parallel segments of edges bound for different targets could
 * be taken for one line: parallel and under 2 units apart where they overlap, or
 * meeting where one of them turns or ends (a clean crossing is fine).
 */
function confusable([a1, a2]: Seg, [b1, b2]: Seg): boolean {
  const aH = a1![1] === a2![1];
  const bH = b1![1] === b2![1];
  const [i, j] = aH ? [0, 1] : [1, 0]; // i: the axis a runs along
  if (aH === bH) {
    const [alo, ahi] = range(a1![i], a2![i]);
    const [blo, bhi] = range(b1![i], b2![i]);
    return Math.abs(a1![j] - b1![j]) < 2 && Math.min(ahi, bhi) - Math.max(alo, blo) > 0.5;
  }
  const p = aH ? [b1![0], a1![1]] : [a1![0], b1![1]];
  const on = (s1: [number, number], s2: [number, number]) => [0, 1].every((k) => p[k]! >= Math.min(s1[k], s2[k]) - 1 && p[k]! <= Math.max(s1[k], s2[k]) + 1);
  if (!on(a1!, a2!) || !on(b1!, b2!)) return false;
  const near = (q: [number, number]) => Math.abs(q[0] - p[0]!) <= 1 && Math.abs(q[1] - p[1]!) <= 1;
  return [a1!, a2!, b1!, b2!].some(near);
}

/** No edge passes behind a node other than its ends, and edges to different targets never run together. */
function expectEdgesClear(svg: string): void {
  const ns = nodes(svg);
  const es = edges(svg);
  const segs = (e: (typeof es)[number]) => e.pts.slice(1).map((p, i) => [e.pts[i]!, p]);
  for (const e of es) {
    for (const nd of ns) {
      if (nd.key === e.from || nd.key === e.to) continue;
      for (let i = 1; i < e.pts.length; i++) expect(crosses(e.pts[i - 1]!, e.pts[i]!, nd.rect), `${e.from}→${e.to} crosses ${nd.key}`).toBe(false);
    }
    for (const f of es) {
      if (f.to === e.to) continue;
      for (const a of segs(e)) for (const b of segs(f)) expect(confusable(a, b), `${e.from}→${e.to} runs along ${f.from}→${f.to}`).toBe(false);
    }
  }
}

describe('state-diagram.ts', () => {
  it('tutorial: the facts of a mid-run state, changed ones marked', () => {
    // After step 8 of the NAK's trace: the worker's __fput dropped mnt2's last reference.
    expect(stateFactsText(worlds[8]!, worlds[7]!)).toBe(
      [
        '· task init: user, ns1, in umount(2), sleeping until delayed_fput_work finishes, task_work: cleanup_mnt(mnt1)',
        '· task kthread: kthread, done',
        '· task timer:fput: timer of delayed_fput_work, not armed',
        '* task kworker:fput: worker of delayed_fput_work, running, next: work_done',
        '· task timer:mntput: timer of delayed_mntput_work, armed: fires next',
        '· task kworker:mntput: worker of delayed_mntput_work, idle',
        '· file file1: f_count 0, freed, on mnt2',
        '· mount mnt1: mnt_count 0, detached, MNT_DOOMED, on sb1',
        '* mount mnt2: mnt_count 0, detached, MNT_DOOMED, on sb1',
        '· superblock sb1: s_active 2, active, on sda',
        '· block device sda: alive',
        '· namespace ns1: 1 task, no mounts',
        '· delayed_fput_list: empty',
        '* delayed_mntput_list: mnt2 (head first)',
        '· delayed_fput_work: running, completed 0',
        '* delayed_mntput_work: timer armed, completed 0',
        '· reboot_mutex: free',
        '· system_state: SYSTEM_RUNNING',
        '· halted: no, running',
      ].join('\n'),
    );
  });

  it("gives the counts the world holds, at every step of the trace", () => {
    for (const w of worlds) {
      const facts = stateFacts(w);
      for (const f of Object.values(w.files)) expect(fact(facts, 'file', f.id).text).toMatch(new RegExp(`: f_count ${f.f_count},.* on ${f.mnt}$`));
      for (const m of Object.values(w.mounts)) expect(fact(facts, 'mount', m.id).text).toMatch(new RegExp(`: mnt_count ${m.mnt_count},.* on ${m.sb}$`));
      for (const sb of Object.values(w.supers)) expect(fact(facts, 'super', sb.id).text).toMatch(new RegExp(`: s_active ${sb.s_active}, ${sb.state}\\b`));
      for (const wk of Object.values(w.works)) expect(fact(facts, 'work', wk.id).text).toMatch(new RegExp(`completed ${wk.completed}$`));
    }
  });

  it('says a mount is detached once do_umount has run, and what each task does next', () => {
    expect(worlds[1]!.tasks[0]!.stack[0]!.fn).toBe('do_umount');
    expect(fact(stateFacts(worlds[1]!), 'mount', 'mnt1').text).toBe('mount mnt1: mnt_count 2, in ns1, on sb1');
    expect(fact(stateFacts(worlds[2]!), 'mount', 'mnt1').text).toBe('mount mnt1: mnt_count 2, detached, on sb1');
    expect(fact(stateFacts(worlds[1]!), 'task', 'init').text).toBe('task init: user, ns1, in umount(2), next: do_umount(mnt1)');
    expect(fact(stateFacts(worlds[6]!), 'task', 'kworker:fput').text).toContain('running, next: __fput(file1)');
    expect(fact(stateFacts(worlds[6]!), 'task', 'init').text).toContain('sleeping until delayed_fput_work finishes');
    expect(fact(stateFacts(worlds[0]!), 'task', 'kthread').text).toBe('task kthread: kthread, done');
    const end = stateFacts(worlds[names.length]!);
    expect(fact(end, 'machine', 'reboot_mutex').text).toBe('reboot_mutex: held by init');
    expect(fact(end, 'bdev', 'sda').text).toBe('block device sda: shut down');
  });

  it('marks as changed exactly the objects whose fields the step changed, and nothing without an earlier state', () => {
    let marked = 0;
    for (let k = 1; k < worlds.length; k++) {
      const got = stateFacts(worlds[k]!, worlds[k - 1]!).filter((f) => f.changed).map(key).sort();
      expect(got, `step ${k}`).toEqual(expectedChanged(worlds[k - 1]!, worlds[k]!));
      expect(got.length, `step ${k} changed something`).toBeGreaterThan(0);
      marked += got.length;
    }
    expect(marked).toBeGreaterThan(worlds.length);
    expect(stateFacts(worlds[8]!, worlds[7]!).filter((f) => f.changed).map(key)).toEqual(['task:kworker:fput', 'mount:mnt2', 'list:delayed_mntput_list', 'work:delayed_mntput_work']);
    expect(stateFacts(worlds[8]!).some((f) => f.changed)).toBe(false);
    expect(stateFacts(worlds[8]!, null).some((f) => f.changed)).toBe(false);
    expect(stateFacts(worlds[8]!, worlds[8]!).some((f) => f.changed)).toBe(false);
  });

  it('writes one line per fact, each with its mark, none starting with a space', () => {
    for (let k = 0; k < worlds.length; k++) {
      const facts = stateFacts(worlds[k]!, k ? worlds[k - 1] : null);
      const lines = stateFactsText(worlds[k]!, k ? worlds[k - 1] : null).split('\n');
      expect(lines).toEqual(facts.map((f) => (f.changed ? '* ' : '· ') + f.text));
      for (const l of lines) expect(l).toMatch(/^(\* |· )\S/);
    }
  });

  it('draws a node for every fact, in the same order, with the changed and freed cues not by colour alone', () => {
    for (let k = 0; k < worlds.length; k++) {
      const facts = stateFacts(worlds[k]!, k ? worlds[k - 1] : null);
      const ns = nodes(svgAt(k));
      expect(ns.map((x) => x.key)).toEqual(facts.map(key));
      ns.forEach((nd, i) => {
        const f = facts[i]!;
        expect(nd.classes.includes('nak-sd-changed')).toBe(f.changed);
        expect(nd.lines[0]!.startsWith('◆ ')).toBe(f.changed);
        expect(nd.title).toBe(escapeHtml(f.text + (f.changed ? ' (changed by the last step)' : '')));
      });
    }
  });

  it('shows a freed file as freed, struck through by class and in words', () => {
    const k = names.indexOf('kworker:fput') + 1; // __fput(file1)
    const before = nodes(svgAt(k - 1)).find((x) => x.key === 'file:file1')!;
    const after = nodes(svgAt(k)).find((x) => x.key === 'file:file1')!;
    expect(before.classes).not.toContain('nak-sd-freed');
    expect(after.classes).toEqual(expect.arrayContaining(['nak-sd-file', 'nak-sd-freed', 'nak-sd-changed']));
    expect(after.lines).toContain('freed');
    expect(fact(stateFacts(worlds[k]!), 'file', 'file1').text).toBe('file file1: f_count 0, freed, on mnt2');
    expect(svgAt(k)).toMatch(/<path class="nak-sd-edge nak-sd-edge-freed" data-from="file:file1" data-to="mount:mnt2"/);
  });

  it('shows the oops and its text in the final state', () => {
    const w = worlds[names.length]!;
    expect(w.halted).toBe('oops');
    const f = fact(stateFacts(w, worlds[names.length - 1]), 'machine', 'halted');
    expect(f).toEqual({ kind: 'machine', id: 'halted', text: `halted: OOPS: ${w.oops}`, changed: true });
    const svg = svgAt(names.length);
    const nd = nodes(svg).find((x) => x.key === 'machine:halted')!;
    expect(nd.classes).toContain('nak-sd-oops');
    expect(nd.lines.join(' ')).toBe(`◆ halted OOPS: ${w.oops}`);
    expect(fact(stateFacts(w), 'task', 'init').text).toBe('task init: user, ns1, in reboot(2), stopped at: machine_restart');
    expect(svg).toContain('the kernel has oopsed');
  });

  it('is an accessible image whose labels exist, with ids from the prefix', () => {
    const svg = svgAt(8, 'ch7-fig');
    expect(svg).toMatch(/^<svg class="nak-sd" viewBox="0 0 360 [\d.]+" width="100%" font-size="11" role="img" aria-labelledby="ch7-fig-title ch7-fig-desc"/);
    expect(svg).toContain('<title id="ch7-fig-title">just-past after step 8</title>');
    const desc = svg.match(/<desc id="ch7-fig-desc">([^<]+)<\/desc>/)![1]!;
    expect(desc).toBe('The model state: 6 tasks, 1 file, 2 mounts, 1 superblock and 1 block device; the last step changed kworker:fput, mnt2, delayed_mntput_list, delayed_mntput_work; the machine is running.');
    const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of svg.match(/aria-labelledby="([^"]+)"/)![1]!.split(' ')) expect(ids).toContain(ref);
    for (const ref of [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!)) expect(ids).toContain(ref);
    const other = [...svgAt(8, 'other').matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    expect(other.length).toBe(ids.length);
    expect(other.filter((i) => ids.includes(i))).toEqual([]);
    expect(() => renderStateDiagram(worlds[0]!, { label: 'x', idPrefix: 'two words' })).toThrow(/idPrefix/);
  });

  it('carries no colours and no pixel sizes: classes and user units only', () => {
    for (const k of [0, 8, names.length]) {
      const svg = svgAt(k);
      expect(svg).not.toMatch(/ (fill|stroke|style|color|stop-color)=/);
      expect(svg).not.toMatch(/(rgba?|hsla?)\(|\bpx\b/i);
      expect(svg.replace(/url\(#[\w-]+\)/g, '')).not.toContain('#');
      expect(svg).not.toMatch(/<svg[^>]* height=/);
    }
  });

  it('escapes what it prints', () => {
    const w = cloneWorld(worlds[0]!);
    w.oops = 'a <b> & "c"';
    w.halted = 'oops';
    const svg = renderStateDiagram(w, { label: 'x < y', idPrefix: 'e' });
    expect(svg).toContain('<title id="e-title">x &lt; y</title>');
    expect(svg).toContain('OOPS: a &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).not.toContain('<b>');
  });

  it('is deterministic and leaves the world as it was', () => {
    const copy = structuredClone(worlds[8]);
    expect(svgAt(8)).toBe(svgAt(8));
    expect(stateFactsText(worlds[8]!, worlds[7]!)).toBe(stateFactsText(worlds[8]!, worlds[7]!));
    expect(worlds[8]).toEqual(copy);
  });

  it('keeps every node in place from step to step, so the eye can follow one count', () => {
    const at = (k: number) => nodes(svgAt(k)).map((x) => [x.key, x.rect]);
    for (let k = 1; k < worlds.length; k++) expect(at(k)).toEqual(at(0));
  });

  it('fits every line into its node, at 11 units of monospace (0.6 em a character)', () => {
    for (let k = 0; k < worlds.length; k++) {
      for (const nd of nodes(svgAt(k))) {
        expect(nd.lines.length).toBeGreaterThan(1);
        expect(nd.lines.length * 14 + 8).toBeLessThanOrEqual(nd.rect.h);
        for (const l of nd.lines) expect([...l].length * 6.6, `${nd.key}: ${l}`).toBeLessThanOrEqual(nd.rect.w - 8);
        // Nodes have room for all of just-past's facts: nothing is cut with "…".
        expect(nd.lines.some((l) => l.endsWith('…')), `${nd.key} cut`).toBe(false);
        expect(nd.rect.x).toBeGreaterThanOrEqual(0);
        expect(nd.rect.x + nd.rect.w).toBeLessThanOrEqual(360);
      }
    }
  });

  it('draws file → mount → superblock → device edges that pass behind no other node', () => {
    const svg = svgAt(8);
    const got = edges(svg).map((e) => `${e.from} ${e.to}`);
    expect(got).toEqual(['file:file1 mount:mnt2', 'mount:mnt1 super:sb1', 'mount:mnt2 super:sb1', 'super:sb1 bdev:sda']);
    expectEdgesClear(svg);
    // A crowded machine: layers wrap onto second rows, and edges go round the nodes.
    const w = cloneWorld(worlds[0]!);
    w.supers.sb2 = { id: 'sb2', bdev: 'sda', s_active: 1, state: 'active', shutdown: true, discard: false, discards_queued: false, discard_thread: false };
    w.supers.sb3 = { id: 'sb3', bdev: 'sda', s_active: 1, state: 'active', shutdown: false, discard: false, discards_queued: false, discard_thread: false };
    w.mounts.mnt3 = { id: 'mnt3', sb: 'sb3', mnt_count: 1, mnt_ns: null, doomed: false, freed: false };
    for (let i = 2; i <= 8; i++) w.files[`file${i}`] = { id: `file${i}`, f_count: 1, mnt: ['mnt1', 'mnt2', 'mnt3'][i % 3]!, freed: false };
    const big = renderStateDiagram(w, { label: 'crowded', idPrefix: 'big' });
    const rows = new Set(nodes(big).filter((x) => x.key.startsWith('file:')).map((x) => x.rect.y));
    expect(rows.size).toBe(2);
    expect(edges(big).length).toBe(8 + 3 + 3);
    expectEdgesClear(big);
  });
});
