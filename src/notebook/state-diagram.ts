/**
 * One model state as a picture and as text: the tasks, their files, the mounts,
 * superblocks and block devices the files pin, then the deferred lists, the two
 * delayed works and the machine. Pure string functions (no DOM), so the same
 * code runs at build time and in the browser, and the same input gives the same
 * bytes. The text (stateFactsText) carries every fact the picture shows, for
 * screen readers, print and the checked notebook output.
 *
 * The layout is fixed by the order of the World's records and their number, never
 * by their values: positions do not move between steps of one scenario, and each
 * node has a fixed number of text lines (a longer text is cut with "…" in the
 * picture; the node's <title> and the text facts keep it whole).
 */
import { callLabel, isRunnable } from '../model/step.ts';
import type { Op } from '../model/ops.ts';
import type { BlockDevice, DelayedWork, File, MntNamespace, Mount, SuperBlock, Task, World } from '../model/world.ts';
import { escapeHtml, groupDigits } from './render.ts';

export type StateFactKind = 'task' | 'file' | 'mount' | 'namespace' | 'super' | 'bdev' | 'list' | 'work' | 'machine';

export interface StateFact {
  readonly kind: StateFactKind;
  /** The object's name in the model (task name, file id, list or work name, or a machine field). */
  readonly id: string;
  /** The whole fact as one line: "mount mnt1: mnt_count 1, detached, MNT_DOOMED, on sb1". */
  readonly text: string;
  /** Whether the last step changed any field of the object (false when there is no earlier state). */
  readonly changed: boolean;
}

/** A fact with what its node shows: the name line and the detail segments (edges show the "on X" part). */
interface Described {
  readonly kind: StateFactKind;
  readonly id: string;
  /** Segments of the detail, in the order the text gives them. */
  readonly detail: readonly string[];
  /** The segment the node leaves to its arrow (f_path.mnt, mnt_sb, s_bdev). */
  readonly target: string | null;
  /** Extra classes: freed, oops... (each also has a word in the detail, so it is not colour-only). */
  readonly marks: readonly string[];
  /** The object itself, compared field by field with `before` to decide `changed`. */
  readonly value: unknown;
}

/** The glyph that marks a changed node in the picture (besides its class and thicker outline). */
export const CHANGED_GLYPH = '◆';

// ---------------------------------------------------------------------------
// Facts

const plural = (n: number, one: string, many = `${one}s`) => `${groupDigits(n)} ${n === 1 ? one : many}`;

/** What a sleeping task waits for, in words; the op is the one it cannot start yet. */
function sleepingOn(op: Op): string {
  if (op.fn === 'wait_for_work') return `sleeping until ${op.waits.map(([w]) => w).join(' and ')} finishes`;
  if (op.fn === 'wait_for') return `held until ${op.milestone}`;
  if (op.fn === 'sys_reboot') return 'sleeping on reboot_mutex';
  return `sleeping before ${callLabel(op)}`;
}

/** What a user task or kernel thread does next: its next op, or why it cannot run. */
function nextStep(w: World, t: Task): string[] {
  const out: string[] = [];
  if (t.syscall) out.push(`in ${t.syscall.name}(2)`);
  const op = t.stack[0] ?? t.program[0];
  if (!op) out.push('done');
  else if (w.halted) out.push(`stopped at: ${callLabel(op)}`);
  else if (op.fn === 'issue_discard_thread' && !isRunnable(w, t)) out.push(w.supers[op.sb]!.discard_thread ? 'asleep: no discards queued' : 'stopped by kill_f2fs_super');
  else out.push(isRunnable(w, t) ? `next: ${callLabel(op)}` : sleepingOn(op));
  return out;
}

/** A timer or worker: what its delayed work lets it do (timer armed, work queued, running). */
function workTaskStep(w: World, t: Task): string[] {
  const work = w.works[t.work!];
  if (t.kind === 'timer') return [work.pending === 'timer' ? (w.halted ? 'armed, stopped' : 'armed: fires next') : 'not armed'];
  if (t.stack.length > 0) return ['running', ...nextStep(w, t)];
  if (work.pending === 'queued') return [w.halted ? 'queued, stopped' : 'queued: next process_one_work'];
  return ['idle'];
}

function describeTask(w: World, t: Task): Described {
  const who = t.kind === 'user' ? `user, ${t.ns ?? 'no namespace'}` : t.kind === 'kthread' ? 'kthread' : `${t.kind} of ${t.work}`;
  const doing = t.exited ? ['exited'] : t.kind === 'timer' || t.kind === 'worker' ? workTaskStep(w, t) : nextStep(w, t);
  const works = t.task_works.length ? [`task_work: ${t.task_works.map(callLabel).join(', ')}`] : [];
  return { kind: 'task', id: t.name, detail: [who, ...doing, ...works], target: null, marks: t.exited ? ['exited'] : [], value: t };
}

function describeFile(f: File): Described {
  const detail = [`f_count ${groupDigits(f.f_count)}`, ...(f.freed ? ['freed'] : [])];
  return { kind: 'file', id: f.id, detail, target: `on ${f.mnt}`, marks: f.freed ? ['freed'] : [], value: f };
}

function describeMount(m: Mount): Described {
  const detail = [`mnt_count ${groupDigits(m.mnt_count)}`, m.mnt_ns ? `in ${m.mnt_ns}` : 'detached', ...(m.doomed ? ['MNT_DOOMED'] : []), ...(m.freed ? ['freed'] : [])];
  return { kind: 'mount', id: m.id, detail, target: `on ${m.sb}`, marks: m.freed ? ['freed'] : [], value: m };
}

function describeNamespace(n: MntNamespace): Described {
  const detail = [plural(n.count, 'task'), n.mounts.length ? `mounts: ${n.mounts.join(', ')}` : 'no mounts'];
  return { kind: 'namespace', id: n.id, detail, target: null, marks: [], value: n };
}

function describeSuper(s: SuperBlock): Described {
  const detail = [`s_active ${groupDigits(s.s_active)}`, s.state, ...(s.shutdown ? ['shut down by ioctl'] : []), ...(s.discards_queued ? ['discards queued'] : [])];
  return { kind: 'super', id: s.id, detail, target: `on ${s.bdev}`, marks: s.state === 'dead' ? ['dead'] : [], value: s };
}

function describeBdev(b: BlockDevice): Described {
  const off = b.state === 'shut_down';
  return { kind: 'bdev', id: b.id, detail: [off ? 'shut down' : 'alive'], target: null, marks: off ? ['off'] : [], value: b };
}

function describeList(id: 'delayed_fput_list' | 'delayed_mntput_list', items: readonly string[]): Described {
  return { kind: 'list', id, detail: [items.length ? `${items.join(', ')} (head first)` : 'empty'], target: null, marks: [], value: items };
}

function describeWork(wk: DelayedWork): Described {
  const state = [wk.pending === 'timer' ? 'timer armed' : wk.pending === 'queued' ? 'queued' : null, wk.running ? 'running' : null].filter((s) => s !== null);
  return { kind: 'work', id: wk.id, detail: [state.length ? state.join(', ') : 'idle', `completed ${groupDigits(wk.completed)}`], target: null, marks: [], value: wk };
}

/** reboot_mutex, system_state and why the machine stopped: the fields no object owns. */
function describeMachine(w: World): Described[] {
  const halted = w.halted === 'oops' ? `OOPS: ${w.oops ?? ''}` : w.halted === 'restart' ? 'the machine has restarted' : 'no, running';
  return [
    { kind: 'machine', id: 'reboot_mutex', detail: [w.reboot_mutex ? `held by ${w.reboot_mutex}` : 'free'], target: null, marks: [], value: w.reboot_mutex },
    { kind: 'machine', id: 'system_state', detail: [w.system_state], target: null, marks: [], value: w.system_state },
    { kind: 'machine', id: 'halted', detail: [halted], target: null, marks: w.halted === 'oops' ? ['oops'] : [], value: [w.halted, w.oops] },
  ];
}

/** Every object of the state, in the picture's reading order (top to bottom, left to right). */
function describeAll(w: World): Described[] {
  return [
    ...w.tasks.map((t) => describeTask(w, t)),
    ...Object.values(w.files).map(describeFile),
    ...Object.values(w.mounts).map(describeMount),
    ...Object.values(w.supers).map(describeSuper),
    ...Object.values(w.bdevs).map(describeBdev),
    ...Object.values(w.namespaces).map(describeNamespace),
    describeList('delayed_fput_list', w.delayed_fput_list),
    describeList('delayed_mntput_list', w.delayed_mntput_list),
    ...Object.values(w.works).map(describeWork),
    ...describeMachine(w),
  ];
}

/** Deep equality that ignores key order (a cloned world writes its keys in another order). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  return ka.length === Object.keys(rb).length && ka.every((k) => Object.hasOwn(rb, k) && same(ra[k], rb[k]));
}

/** The objects of `before`, keyed like the facts, to compare with. */
function beforeValues(before: World): Map<string, unknown> {
  return new Map(describeAll(before).map((d) => [`${d.kind}:${d.id}`, d.value]));
}

const KIND_WORD: Record<StateFactKind, string> = {
  task: 'task ',
  file: 'file ',
  mount: 'mount ',
  namespace: 'namespace ',
  super: 'superblock ',
  bdev: 'block device ',
  // Lists, works and machine fields say what they are by their names.
  list: '',
  work: '',
  machine: '',
};

function factText(d: Described): string {
  return `${KIND_WORD[d.kind]}${d.id}: ${[...d.detail, ...(d.target ? [d.target] : [])].join(', ')}`;
}

interface Fact extends StateFact {
  readonly d: Described;
}

function factsOf(w: World, before?: World | null): Fact[] {
  const old = before ? beforeValues(before) : null;
  return describeAll(w).map((d) => {
    const key = `${d.kind}:${d.id}`;
    // An object that did not exist before is new, so changed; no earlier state: nothing is marked.
    const changed = old !== null && (!old.has(key) || !same(old.get(key), d.value));
    return { kind: d.kind, id: d.id, text: factText(d), changed, d };
  });
}

/** The facts of a state, in a fixed order; `before` (the state one step earlier) marks what the last step changed. */
export function stateFacts(w: World, before?: World | null): StateFact[] {
  return factsOf(w, before).map(({ kind, id, text, changed }) => ({ kind, id, text, changed }));
}

/** Leading marks of the text lines: never a space first (the MDX cell output strips leading spaces). */
export const CHANGED_MARK = '* ';
export const UNCHANGED_MARK = '· ';

/**
 * The facts as plain text, one line per fact in the picture's order: a changed
 * fact starts with "* ", the others with "· ".
 */
export function stateFactsText(w: World, before?: World | null): string {
  return stateFacts(w, before)
    .map((f) => (f.changed ? CHANGED_MARK : UNCHANGED_MARK) + f.text)
    .join('\n');
}

// ---------------------------------------------------------------------------
// Layout: bands (layers) stacked top to bottom, each a grid of equal nodes.

/** A viewBox 360 units wide: at a 390 px phone it is drawn about 1:1, so 11-unit text stays ~11 px. */
const W = 360;
const MARGIN = 4;
/** Wide enough for two distinct gutter lines: one leaving a node on the left, one entering a node on the right. */
const COL_GAP = 8;
const ROW_GAP = 10;
const FONT = 11;
const LINE = 14;
const PAD_X = 4;
/** The advance of one monospace character at 11 units (0.6 em), to fit text to a node. */
const CHAR_W = 6.6;
const CAPTION_H = 17;
const MAX_NODE_W = 172;

interface BandSpec {
  readonly caption: string;
  readonly kinds: readonly StateFactKind[];
  readonly ids?: readonly string[];
  readonly cols: number;
  /** Text lines per node, the name line included: fixed, so heights do not change between steps. */
  readonly lines: number;
  /** A single node as wide as the picture (the oops text is long). */
  readonly wide?: boolean;
}

const BANDS: readonly BandSpec[] = [
  { caption: 'tasks: what each does next', kinds: ['task'], cols: 2, lines: 6 },
  { caption: 'open files (f_count) → f_path.mnt', kinds: ['file'], cols: 4, lines: 3 },
  { caption: 'mounts (mnt_count) → mnt_sb', kinds: ['mount'], cols: 4, lines: 5 },
  { caption: 'superblocks (s_active) → s_bdev', kinds: ['super'], cols: 2, lines: 4 },
  { caption: 'block devices', kinds: ['bdev'], cols: 3, lines: 2 },
  { caption: 'mount namespaces', kinds: ['namespace'], cols: 2, lines: 3 },
  { caption: 'deferred lists (llist, head first)', kinds: ['list'], cols: 2, lines: 3 },
  { caption: 'delayed works on system_wq', kinds: ['work'], cols: 2, lines: 3 },
  { caption: 'machine', kinds: ['machine'], ids: ['reboot_mutex', 'system_state'], cols: 2, lines: 2 },
  { caption: '', kinds: ['machine'], ids: ['halted'], cols: 1, lines: 4, wide: true },
];

interface Placed {
  readonly fact: Fact;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly row: number;
  readonly lines: number;
  /** Whether the node is in its band's last row (its edges need not go round the nodes below). */
  readonly lastRow: boolean;
}

interface Band {
  readonly spec: BandSpec;
  readonly top: number;
  readonly bottom: number;
  readonly nodes: readonly Placed[];
}

const nodeHeight = (lines: number) => lines * LINE + 8;

/**
 * A band's nodes on a grid: rows left-aligned inside a centred block, so that
 * the gutters between columns line up from row to row (edges run down them).
 */
function placeBand(spec: BandSpec, facts: readonly Fact[], top: number): Band {
  const cols = spec.cols;
  const w = Math.min(spec.wide ? W : MAX_NODE_W, (W - 2 * MARGIN - (cols - 1) * COL_GAP) / cols);
  const used = Math.min(cols, facts.length);
  const x0 = (W - (used * w + (used - 1) * COL_GAP)) / 2;
  const h = nodeHeight(spec.lines);
  const y0 = top + (spec.caption ? CAPTION_H : 0);
  const rows = Math.ceil(facts.length / cols);
  const nodes = facts.map((fact, k) => {
    const row = Math.floor(k / cols);
    const x = x0 + (k % cols) * (w + COL_GAP);
    return { fact, x, y: y0 + row * (h + ROW_GAP), w, h, row, lines: spec.lines, lastRow: row === rows - 1 };
  });
  return { spec, top, bottom: y0 + rows * h + (rows - 1) * ROW_GAP, nodes };
}

/** The kinds whose nodes point at the next band's (file → mount → superblock → block device). */
const POINTS_TO: Partial<Record<StateFactKind, StateFactKind>> = { file: 'mount', mount: 'super', super: 'bdev' };

/** Space under a band for its edges: one horizontal lane per target, so edges to different targets never merge. */
function laneSpace(band: Band, next: readonly Fact[]): number {
  const kind = band.spec.kinds[0]!;
  const targets = POINTS_TO[kind] ? next.filter((f) => f.kind === POINTS_TO[kind]).length : 0;
  return targets ? 8 + targets * 4 : 8;
}

function layout(facts: readonly Fact[]): { bands: Band[]; height: number } {
  const bands: Band[] = [];
  let y = 6;
  const specs = BANDS.map((spec) => ({ spec, members: facts.filter((f) => spec.kinds.includes(f.kind) && (!spec.ids || spec.ids.includes(f.id))) })).filter(
    (b) => b.members.length > 0,
  );
  specs.forEach(({ spec, members }, k) => {
    const band = placeBand(spec, members, y);
    bands.push(band);
    y = band.bottom + laneSpace(band, specs[k + 1]?.members ?? []);
  });
  return { bands, height: y };
}

// ---------------------------------------------------------------------------
// Text fitting

/** Break a word longer than a line after a "(" or "_" if it can, else at the line's end. */
function splitLong(word: string, max: number): string[] {
  const out: string[] = [];
  let rest = word;
  while (rest.length > max) {
    const head = rest.slice(0, max);
    const at = Math.max(head.lastIndexOf('('), head.lastIndexOf('_'));
    const cut = at > 0 ? at + 1 : max;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return [...out, rest];
}

/**
 * Greedy line filling: a segment that fits on a line is never broken (so
 * "mnt_count 1" stays whole); a longer one is broken between its words. Segments
 * on one line are joined by ", "; a line break stands for the comma.
 */
function wrap(segments: readonly string[], max: number): string[] {
  const units = segments.flatMap((seg) =>
    seg.length <= max ? [{ text: seg, sep: ', ' }] : seg.split(' ').flatMap((w) => splitLong(w, max)).map((text, i) => ({ text, sep: i === 0 ? ', ' : ' ' })),
  );
  const lines: string[] = [];
  for (const u of units) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + u.sep.length + u.text.length <= max) lines[lines.length - 1] = last + u.sep + u.text;
    else lines.push(u.text);
  }
  return lines;
}

/** At most `slots` lines; the last one shown ends in "…" if text was cut. */
function clip(lines: readonly string[], slots: number, max: number): string[] {
  if (lines.length <= slots) return [...lines];
  const kept = lines.slice(0, slots);
  kept[slots - 1] = `${kept[slots - 1]!.slice(0, max - 1)}…`;
  return kept;
}

// ---------------------------------------------------------------------------
// SVG

const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

function nodeClasses(p: Placed): string {
  const f = p.fact;
  return ['nak-sd-node', `nak-sd-${f.kind}`, ...f.d.marks.map((m) => `nak-sd-${m}`), ...(f.changed ? ['nak-sd-changed'] : [])].join(' ');
}

function renderNode(p: Placed): string {
  const f = p.fact;
  const max = Math.floor((p.w - 2 * PAD_X) / CHAR_W);
  const name = (f.changed ? `${CHANGED_GLYPH} ` : '') + f.id;
  const body = clip(wrap(f.d.detail, max), p.lines - 1, max);
  const lines = [name.length <= max ? name : `${name.slice(0, max - 1)}…`, ...body];
  const tx = p.x + PAD_X;
  const tspans = lines
    .map((l, i) => `<tspan x="${n(tx)}" y="${n(p.y + 4 + (i + 1) * LINE - 3)}"${i === 0 ? ' class="nak-sd-name"' : ''}>${escapeHtml(l)}</tspan>`)
    .join('');
  // The tooltip says in words what the outline and glyph say: changed, and the whole text.
  const title = f.text + (f.changed ? ' (changed by the last step)' : '');
  return (
    `<g class="${nodeClasses(p)}" data-kind="${f.kind}" data-id="${escapeHtml(f.id)}"><title>${escapeHtml(title)}</title>` +
    `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}" rx="5"/><text>${tspans}</text></g>`
  );
}

/** The gutter lines beside a node: leaving it (to its right) and entering it (to its left), 3 units apart. */
const exitX = (p: Placed) => p.x + p.w + 2.5;
const entryGutterX = (p: Placed) => p.x - 2.5;

interface Edge {
  readonly src: Placed;
  readonly dst: Placed;
  readonly lane: number;
  readonly laneY: number;
  /** Where the edge runs down to its lane: the node's centre, or its gutter if nodes are below it. */
  readonly downX: number;
}

/**
 * Where an edge drops from its lane into a first-row target: the target's centre,
 * moved aside while it would lie on the way down of an edge bound elsewhere (with
 * equal node widths, a gutter of one layer often falls on a centre of the next).
 */
function entryX(dst: Placed, lane: number, laneY: number, all: readonly Edge[]): number {
  let x = dst.x + dst.w / 2;
  // Lines closer than 3 units read as one at phone size.
  for (let tries = 0; tries < 8 && all.some((e) => e.lane !== lane && e.laneY > laneY && Math.abs(e.downX - x) < 3); tries++) x += 4;
  return x;
}

/**
 * An edge from a node's bottom to a target's top, orthogonal, never behind another
 * node: from a node above its band's last row it goes down the gutter to its right;
 * it runs along its target's own lane under the band (lanes never merge edges bound
 * for different targets); to a target below its band's first row it goes down the
 * gutter to that target's left. Leaving and entering use different heights of the
 * gap between rows, so the two never meet.
 */
function edgePath(e: Edge, all: readonly Edge[]): string {
  const { src, dst, laneY } = e;
  const sx = src.x + src.w / 2;
  const start = `M${n(sx)},${n(src.y + src.h)}`;
  const out = src.lastRow ? '' : ` V${n(src.y + src.h + 3)} H${n(e.downX)}`;
  const tx = dst.x + dst.w / 2;
  const into = dst.row === 0 ? ` H${n(entryX(dst, e.lane, laneY, all))}` : ` H${n(entryGutterX(dst))} V${n(dst.y - 3)} H${n(tx)}`;
  return `${start}${out} V${n(laneY)}${into} V${n(dst.y)}`;
}

function renderEdges(bands: readonly Band[], arrowId: string): string {
  const out: string[] = [];
  bands.forEach((band, k) => {
    const targets = bands[k + 1]?.nodes ?? [];
    const es: Edge[] = [];
    for (const src of band.nodes) {
      const target = src.fact.d.target?.replace(/^on /, '');
      const lane = targets.findIndex((t) => t.fact.kind === POINTS_TO[src.fact.kind] && t.fact.id === target);
      if (lane < 0) continue;
      const downX = src.lastRow ? src.x + src.w / 2 : exitX(src);
      es.push({ src, dst: targets[lane]!, lane, laneY: band.bottom + 6 + lane * 4, downX });
    }
    for (const e of es) {
      const cls = `nak-sd-edge${e.src.fact.d.marks.includes('freed') ? ' nak-sd-edge-freed' : ''}`;
      const ends = `data-from="${e.src.fact.kind}:${escapeHtml(e.src.fact.id)}" data-to="${e.dst.fact.kind}:${escapeHtml(e.dst.fact.id)}"`;
      out.push(`<path class="${cls}" ${ends} d="${edgePath(e, es)}" marker-end="url(#${arrowId})"/>`);
    }
  });
  return `<g class="nak-sd-edges">${out.join('')}</g>`;
}

function renderCaptions(bands: readonly Band[]): string {
  return bands
    .filter((b) => b.spec.caption)
    .map((b) => `<text class="nak-sd-caption" x="${MARGIN}" y="${n(b.top + 12)}">${escapeHtml(b.spec.caption)}</text>`)
    .join('');
}

const LEGEND = [`${CHANGED_GLYPH} and a thick outline: changed by the last step`, 'dashed outline: freed · arrow: refers to'];

/** The one-sentence summary for <desc>: what is drawn, what the last step changed, how the machine stands. */
function summary(w: World, facts: readonly Fact[], before: World | null | undefined): string {
  const count = (k: StateFactKind) => facts.filter((f) => f.kind === k).length;
  const what = `${plural(count('task'), 'task')}, ${plural(count('file'), 'file')}, ${plural(count('mount'), 'mount')}, ${plural(count('super'), 'superblock')} and ${plural(count('bdev'), 'block device')}`;
  const changed = facts.filter((f) => f.changed).map((f) => f.id);
  const step = !before ? 'no earlier state to compare with' : changed.length ? `the last step changed ${changed.join(', ')}` : 'the last step changed nothing drawn';
  const machine = w.halted === 'oops' ? 'the kernel has oopsed' : w.halted === 'restart' ? 'the machine has restarted' : 'the machine is running';
  return `The model state: ${what}; ${step}; ${machine}.`;
}

/** Ids go into aria-labelledby, a space-separated list, and url(#...): letters, digits, "-" and "_" only. */
function checkIdPrefix(p: string): void {
  if (!/^[A-Za-z][\w-]*$/.test(p)) throw new Error(`state diagram: idPrefix must be a letter then letters, digits, '-' or '_', got '${p}'`);
}

/** The SVG markup of the state (a string), with role="img", <title> and <desc>, and aria-labelledby. */
export function renderStateDiagram(w: World, opts: { readonly before?: World | null; readonly label: string; readonly idPrefix: string }): string {
  checkIdPrefix(opts.idPrefix);
  const facts = factsOf(w, opts.before);
  const { bands, height } = layout(facts);
  const legendY = height + 8;
  const total = legendY + LEGEND.length * LINE + 2;
  const id = (s: string) => `${opts.idPrefix}-${s}`;
  const legend = LEGEND.map((l, i) => `<text class="nak-sd-legend" x="${MARGIN}" y="${n(legendY + (i + 1) * LINE - 3)}">${escapeHtml(l)}</text>`).join('');
  return (
    `<svg class="nak-sd" viewBox="0 0 ${W} ${n(total)}" width="100%" font-size="${FONT}" role="img" aria-labelledby="${id('title')} ${id('desc')}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id('title')}">${escapeHtml(opts.label)}</title><desc id="${id('desc')}">${escapeHtml(summary(w, facts, opts.before))}</desc>` +
    `<defs><marker id="${id('arrow')}" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path class="nak-sd-arrowhead" d="M0,0 L8,4 L0,8 z"/></marker></defs>` +
    `<rect class="nak-sd-bg" x="0" y="0" width="${W}" height="${n(total)}" rx="6"/>` +
    renderEdges(bands, id('arrow')) +
    renderCaptions(bands) +
    bands.flatMap((b) => b.nodes.map(renderNode)).join('') +
    legend +
    '</svg>'
  );
}

/** The facts as an HTML list, to stand beside the diagram; the changed ones bold, and said to be changed to a screen reader. */
export function stateFactsHtml(w: World, before?: World | null): string {
  const items = stateFacts(w, before).map((f) => `<li${f.changed ? ' class="nak-sd-changed-text"' : ''}>${f.changed ? '<span class="sr-only">changed: </span>' : ''}${escapeHtml(f.text)}</li>`);
  return `<ul class="nak-state-facts" aria-label="The state as text">${items.join('')}</ul>`;
}
