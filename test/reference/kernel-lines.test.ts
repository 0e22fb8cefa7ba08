import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay, runFirstRunnable } from '../../src/explore/run.ts';
import { renderTraceTable } from '../../src/notebook/render.ts';
import { KERNEL_DIRS, kernelLink, modelFunctions } from '../../src/reference/model-index.ts';
import {
  KERNEL_LINES,
  kernelLineOf,
  kernelLineUrl,
  LINUX_VERSION,
  tagFunction,
  VENDOR_COMMIT,
  VENDOR_REPO,
  type KernelLine,
} from '../../src/reference/kernel-lines.ts';
import { checkLines, definesAt, kernelLinesMain, openSource } from '../../src/reference/kernel-lines-check.ts';
import { formatTrace } from '../../src/trace/format.ts';

const FIXTURES = 'test/fixtures/kernel-lines';

/** Every @kernel/@vendor tag written anywhere in src/model, read as plain text (not only those the reference's parser attaches to a function). */
function rawTags(): { source: string; kind: string; file: string; fn: string }[] {
  const files = readdirSync('src/model', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.flatMap((f) =>
    [...readFileSync(join('src/model', f), 'utf8').matchAll(/@(kernel|vendor)\s+(\S+)\s+(\S+)/g)].map((m) => ({ source: `src/model/${f}`, kind: m[1]!, file: m[2]!, fn: m[3]! })),
  );
}

describe('every @kernel and @vendor tag has its line, and every line a tag', () => {
  const tagged = modelFunctions().flatMap((f) => (f.counterpart && f.counterpart.kind !== 'model' ? [{ ...f, counterpart: f.counterpart }] : []));
  const key = (kind: string, file: string, fn: string) => `${kind} ${file} ${fn}`;

  it('each tagged model function has exactly one entry, naming what its tag names', () => {
    expect(tagged.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const f of tagged) {
      const entries = KERNEL_LINES.filter((e) => e.model === f.name);
      const want = key(f.counterpart.kind, f.counterpart.file, tagFunction(f.counterpart.name));
      if (entries.length !== 1) problems.push(`${f.source}: ${f.name} (${want}) has ${entries.length} entries in src/reference/kernel-lines.ts`);
      else if (key(entries[0]!.kind, entries[0]!.file, entries[0]!.fn) !== want) problems.push(`${f.source}: ${f.name} is tagged ${want}, its entry says ${key(entries[0]!.kind, entries[0]!.file, entries[0]!.fn)}`);
    }
    expect(problems).toEqual([]);
  });

  it('each entry belongs to a tagged model function, and no two entries to one', () => {
    const names = new Map(tagged.map((f) => [f.name, f]));
    expect(KERNEL_LINES.filter((e) => !names.has(e.model)).map((e) => `${e.model}: ${key(e.kind, e.file, e.fn)}`)).toEqual([]);
    expect(new Set(KERNEL_LINES.map((e) => e.model)).size).toBe(KERNEL_LINES.length);
    expect(new Set(KERNEL_LINES.map((e) => key(e.kind, e.file, e.fn))).size).toBe(KERNEL_LINES.length);
  });

  it('no tag in src/model escapes the check: every one written there is a tagged function of the kernel-shaped modules', () => {
    const raw = rawTags();
    expect(raw.filter((t) => !KERNEL_DIRS.some((d) => t.source.startsWith(`src/model/${d}/`))).map((t) => t.source)).toEqual([]);
    expect(raw.map((t) => key(t.kind, t.file, t.fn)).sort()).toEqual(tagged.map((f) => key(f.counterpart.kind, f.counterpart.file, tagFunction(f.counterpart.name))).sort());
  });

  it('a new tag without a line is found', () => {
    const fake = { kind: 'kernel' as const, file: 'fs/new.c', name: 'new_function' };
    expect(kernelLink(fake)).toBeNull();
    expect(KERNEL_LINES.some((e) => e.fn === 'new_function')).toBe(false);
  });

  it('every entry is well formed: a file of the trees that matter, a line, the function at the start of its text, the version read', () => {
    for (const e of KERNEL_LINES) {
      expect(e.file, e.model).toMatch(/^(fs|kernel|drivers|arch|block|include)\/[\w/.-]+\.[ch]$/);
      expect(Number.isInteger(e.line) && e.line > 0, e.model).toBe(true);
      expect(e.text.startsWith(e.fn.replace(/\)$/, '')), e.model).toBe(true);
      expect(e.at, e.model).toBe(e.kind === 'kernel' ? LINUX_VERSION : VENDOR_COMMIT);
    }
    expect(VENDOR_COMMIT).toMatch(/^[0-9a-f]{40}$/);
  });

  it('every URL has the right shape, and is made from the entry alone', () => {
    for (const e of KERNEL_LINES) {
      const url = kernelLineUrl(e);
      if (e.kind === 'kernel') expect(url).toBe(`https://elixir.bootlin.com/linux/v4.13.4/source/${e.file}#L${e.line}`);
      else expect(url).toBe(`https://github.com/${VENDOR_REPO}/blob/${VENDOR_COMMIT}/${e.file}#L${e.line}`);
      expect(url).toMatch(/^https:\/\/(elixir\.bootlin\.com\/linux\/v\d+\.\d+\.\d+\/source|github\.com\/[\w-]+\/[\w.-]+\/blob\/[0-9a-f]{40})\/[\w/.-]+#L[1-9]\d*$/);
    }
    expect(kernelLink({ kind: 'kernel', file: 'fs/namespace.c', name: 'SYSCALL_DEFINE2(umount)' })).toBe('https://elixir.bootlin.com/linux/v4.13.4/source/fs/namespace.c#L1625');
    expect(kernelLink({ kind: 'kernel', file: 'fs/namespace.c', name: 'cleanup_mnt' })).toBe('https://elixir.bootlin.com/linux/v4.13.4/source/fs/namespace.c#L1096');
    expect(kernelLink({ kind: 'vendor', file: 'fs/namespace.c', name: 'SYSCALL_DEFINE2(umount)' })).toBe(`https://github.com/OnePlusOSS/android_kernel_oneplus_sm8150/blob/${VENDOR_COMMIT}/fs/namespace.c#L1746`);
    expect(kernelLink({ kind: 'model', why: 'x' })).toBeNull();
  });
});

describe('a trace links each step to its kernel line, in the HTML only', () => {
  it('every row of every pinned trace whose function stands for a kernel one links to that line; the text trace has no link', async () => {
    const { CATALOGUE } = await import('../../scenarios/index.ts');
    const ownSteps = new Set(modelFunctions().flatMap((f) => (f.counterpart?.kind === 'model' ? [f.name] : [])));
    const unlinked = new Set<string>();
    for (const s of CATALOGUE) {
      for (const [name, p] of Object.entries(s.schedules ?? {})) {
        const run = replay(s, p.schedule);
        const html = renderTraceTable(run);
        const rows = html.match(/<tr[ >][\s\S]*?<\/tr>/g)!.slice(1);
        expect(rows.length, `${s.id} ${name}`).toBe(run.steps.length);
        run.steps.forEach((st, i) => {
          const fn = st.event.op ? (st.event.op.fn === 'wait_for_work' ? st.event.op.caller : st.event.op.fn) : st.event.call;
          const line = kernelLineOf(fn);
          if (line) expect(rows[i], `${s.id} ${name} step ${i}`).toContain(`<a class="nak-src" href="${kernelLineUrl(line)}" aria-label="`);
          else {
            expect(rows[i]).not.toContain('<a ');
            unlinked.add(fn);
          }
        });
        expect(formatTrace(run)).not.toContain('http');
      }
    }
    // Only the model's own steps go without a link: a function tagged @model (the end of a work item), or a scenario's hold.
    expect([...unlinked].filter((fn) => fn !== 'wait_for' && !ownSteps.has(fn))).toEqual([]);
    expect(unlinked.has('work_done')).toBe(true);
  });

  it("a link's name starts with the call it shows, then names the function, file, line and version", async () => {
    const { scenarioById } = await import('../../src/scenario/catalogue.ts');
    const s = scenarioById('just-past');
    const html = renderTraceTable(replay(s, s.schedules!['nak-trace']!.schedule));
    expect(html).toContain(
      '<a class="nak-src" href="https://elixir.bootlin.com/linux/v4.13.4/source/fs/file_table.c#L188" aria-label="__fput(file1), source: __fput in fs/file_table.c line 188, Linux v4.13.4"><code>__fput(file1)</code></a>',
    );
    expect(html).toContain('aria-label="umount(2), source: SYSCALL_DEFINE2(umount) in fs/namespace.c line 1625, Linux v4.13.4"');
    const cpus = renderTraceTable(replay(s, s.schedules!['nak-trace']!.schedule), 'cpus');
    expect(cpus).toMatch(/<td class="nak-cpu-call" data-cpu="CPU1"><span class="nak-task nak-lane-0">kworker:fput<\/span> <a class="nak-src" href="[^"]+#L188"/);
  });

  it("the vendor's calls link to the vendor's lines at its commit", async () => {
    const { scenarioById } = await import('../../src/scenario/catalogue.ts');
    const html = renderTraceTable(runFirstRunnable(scenarioById('vendor-just-past')));
    expect(html).toContain(`href="https://github.com/OnePlusOSS/android_kernel_oneplus_sm8150/blob/${VENDOR_COMMIT}/fs/file_table.c#L411"`);
    expect(html).toContain('aria-label="flush_delayed_fput_wait, source: flush_delayed_fput_wait in fs/file_table.c line 411, OnePlus sm8150 kernel at 46e7111"');
  });

  it('each step the stepper takes links to its line', async () => {
    const { stepperHtml } = await import('../../src/play/stepper-view.ts');
    const { openStepper, choose } = await import('../../src/play/stepper-state.ts');
    const st = choose(openStepper('just-past', '', 0), 'init');
    const html = stepperHtml(st, { id: 't', playUrl: '/play/', before: null });
    expect(html).toContain('<a class="nak-src" href="https://elixir.bootlin.com/linux/v4.13.4/source/fs/namespace.c#L1625"');
  });
});

/** The fixture trees' mapping: pretend functions at known lines (test/fixtures/kernel-lines/). */
const k = (file: string, fn: string, line: number, text = `${fn}(`): KernelLine => ({ model: fn, kind: 'kernel', file, fn, at: 'v4.13.4', line, text });
const FIXTURE_LINES: readonly KernelLine[] = [
  k('fs/widget.c', '__widget_put', 8),
  k('fs/widget.c', 'widget_put', 13),
  k('fs/widget.c', 'SYSCALL_DEFINE2(widget)', 19, 'SYSCALL_DEFINE2(widget,'),
  k('fs/widget.c', 'widget_get', 26),
  k('include/linux/gizmo.h', 'gizmo_flush', 7),
  k('kernel/sprocket.c', 'sprocket_run', 3),
  { model: 'widget_flush_wait', kind: 'vendor', file: 'fs/widget.c', fn: 'widget_flush_wait', at: '0'.repeat(40), line: 8, text: 'widget_flush_wait(' },
];

function run(argv: string[], entries: readonly KernelLine[] = FIXTURE_LINES) {
  let out = '';
  let err = '';
  const code = kernelLinesMain(argv, { out: (s) => void (out += s), err: (s) => void (err += s) }, entries);
  return { code, out, err };
}

describe('the re-check against a source tree (npm run kernel-lines)', () => {
  it('a line defines a function only at column 0, at a word start, and not as a prototype, call or comment', () => {
    expect(definesAt('void widget_put(struct widget *w)', 'widget_put(')).toBe(true);
    expect(definesAt('widget_get(struct widget *w)', 'widget_get(')).toBe(true);
    expect(definesAt('SYSCALL_DEFINE2(widget, int, id, int, flags)', 'SYSCALL_DEFINE2(widget,')).toBe(true);
    expect(definesAt('static void __widget_put(struct widget *w)', 'widget_put(')).toBe(false);
    expect(definesAt('\twidget_put(widget_lookup(id));', 'widget_put(')).toBe(false);
    expect(definesAt('static void widget_free(struct widget *w);', 'widget_free(')).toBe(false);
    expect(definesAt('/* widget_put() drops a reference */', 'widget_put(')).toBe(false);
    expect(definesAt('#define widget_put(w) __widget_put(w)', 'widget_put(')).toBe(false);
  });

  it('tutorial: every line of the fixture mapping is confirmed in the fixture tree, and the vendor lines in the vendor tree', () => {
    const r = run([join(FIXTURES, 'linux'), '--vendor', join(FIXTURES, 'vendor')]);
    expect(r.err).toBe('');
    expect(r.out).toContain('kernel: 6 of 6 lines confirmed');
    expect(r.out).toContain('vendor: 1 of 1 lines confirmed');
    expect(r.code).toBe(0);
    const kernelOnly = run([join(FIXTURES, 'linux')]);
    expect(kernelOnly.code).toBe(0);
    expect(kernelOnly.out).toContain('vendor: 1 lines not checked (give --vendor <tree> to check them)');
  });

  it('must fail: in a tree where the functions moved, each line that no longer defines its function is printed as file:line, with where it went', () => {
    const r = run([join(FIXTURES, 'drifted')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('kernel: 3 of 6 lines confirmed');
    expect(r.err).toContain('note: test/fixtures/kernel-lines/drifted is Linux 4.13.5 by its Makefile; the lines were read at 4.13.4');
    const lines = r.err.split('\n').filter((l) => /^\S+:\d+: /.test(l));
    expect(lines).toEqual([
      'fs/widget.c:13: expected the definition of widget_put ("widget_put("), but the line reads: /* A later version moved widget_put() down a line. */; it is defined at line 14',
      'fs/widget.c:19: expected the definition of SYSCALL_DEFINE2(widget) ("SYSCALL_DEFINE2(widget,"), but the line is blank; it is defined at line 20',
      'fs/widget.c:26: expected the definition of widget_get ("widget_get("), but the line reads: int; it is defined at line 27',
    ]);
  });

  it('must fail: a line past the end, a function in another file, a file the tree lacks', () => {
    const tree = openSource(join(FIXTURES, 'linux'), null, 'fixture');
    const bad = checkLines([k('kernel/sprocket.c', 'sprocket_run', 99), k('kernel/sprocket.c', 'widget_put', 3), k('fs/missing.c', 'missing', 1)], tree);
    expect(bad.map((m) => m.message)).toEqual([
      'kernel/sprocket.c:99: expected the definition of sprocket_run ("sprocket_run("), but the file has only 7 lines; it is defined at line 3',
      'kernel/sprocket.c:3: expected the definition of widget_put ("widget_put("), but the line reads: void sprocket_run(void); no line of kernel/sprocket.c defines it',
      `fs/missing.c:1: missing: the file is not in ${join(FIXTURES, 'linux')}`,
    ]);
  });

  it('reads a git directory at HEAD, or at --rev', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nak-kernel-lines-'));
    try {
      cpSync(join(FIXTURES, 'linux'), dir, { recursive: true });
      const git = (...args: string[]) => spawnSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' });
      if (git('init', '-q').error) return; // no git on this machine: nothing to test
      git('add', '-A');
      expect(git('commit', '-qm', 'fixture').status).toBe(0);
      rmSync(join(dir, 'fs'), { recursive: true }); // the work tree no longer has the files: they come from git
      const r = run([join(dir, '.git')]);
      expect(r.out).toMatch(/kernel: 6 of 6 lines confirmed in .*\.git at HEAD \([0-9a-f]{12}\)/);
      expect(r.code).toBe(0);
      expect(run([join(dir, '.git'), '--rev', 'HEAD']).code).toBe(0);
      const badRev = run([join(dir, '.git'), '--rev', 'no-such-rev']);
      expect(badRev.code).toBe(2);
      expect(badRev.err).toContain("git cannot find the revision 'no-such-rev'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bad input exits 2 with a message that says what is wrong', () => {
    const cases: [string[], string][] = [
      [[], 'which source tree?'],
      [[join(FIXTURES, 'linux'), join(FIXTURES, 'vendor')], 'one source tree, not 2'],
      [[join(FIXTURES, 'linux'), '--json'], 'unknown option --json'],
      [[join(FIXTURES, 'linux'), '--vendor'], '--vendor needs a value'],
      [[join(FIXTURES, 'linux'), '--vendor-rev', 'x'], '--vendor-rev needs --vendor'],
      [[join(FIXTURES, 'linux'), '--rev', 'HEAD'], '--rev needs a git directory'],
      [['test/fixtures/no-such-tree'], 'no such file or directory: test/fixtures/no-such-tree'],
      [[join(FIXTURES, 'linux', 'Makefile')], 'not a directory'],
      [['test/fixtures/content'], 'has none of the files the kernel lines are in'],
    ];
    for (const [argv, message] of cases) {
      const r = run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toContain(message);
      expect(r.err.startsWith('kernel-lines: '), argv.join(' ')).toBe(true);
    }
  });

  it('npm run kernel-lines runs it, with the mapping of src/reference/kernel-lines.ts', () => {
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts['kernel-lines']).toBe('node src/cli/kernel-lines.ts');
    const r = spawnSync('node', ['src/cli/kernel-lines.ts', join(FIXTURES, 'linux')], { encoding: 'utf8' });
    // The fixture tree holds none of the real mapping's files: the real mapping is what it checks.
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`kernel-lines: ${join(FIXTURES, 'linux')} has none of the files the kernel lines are in (arch/x86/entry/common.c, `);
  });
});
