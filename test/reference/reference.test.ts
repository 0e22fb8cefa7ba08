import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addGlossaryLinks } from '../../src/notebook/glossary-links.ts';
import { readChapter } from '../../src/notebook/extract.ts';
import { checkSource } from '../../src/notebook/verify-files.ts';
import { GLOSSARY } from '../../src/reference/glossary.ts';
import { KERNEL_DIRS, kernelLink, modelFunctions, statedAbstractions } from '../../src/reference/model-index.ts';

describe('the reference is generated from the model', () => {
  it('every function of the kernel-shaped modules names its kernel (or vendor) counterpart, or why it has none', () => {
    const fns = modelFunctions();
    expect(fns.length).toBeGreaterThan(30);
    expect(fns.filter((f) => !f.counterpart).map((f) => `${f.source}: ${f.name}`)).toEqual([]);
    const umount = fns.find((f) => f.name === 'sys_umount')!;
    expect(umount.counterpart).toEqual({ kind: 'kernel', file: 'fs/namespace.c', name: 'SYSCALL_DEFINE2(umount)' });
    expect(kernelLink(umount.counterpart!)).toBe('https://elixir.bootlin.com/linux/v4.13.4/source/fs/namespace.c#L1625');
    expect(fns.find((f) => f.name === 'flush_delayed_fput_wait')!.counterpart!.kind).toBe('vendor');
  });

  it('a new function without a counterpart is found', () => {
    const root = mkdtempSync(join(tmpdir(), 'nak-ref-'));
    try {
      for (const d of KERNEL_DIRS) mkdirSync(join(root, 'src/model', d), { recursive: true });
      writeFileSync(join(root, 'src/model/fs/new.ts'), '/** Does a thing. */\nexport function do_thing(): void {}\n/**\n * Documented.\n * @kernel fs/x.c x\n */\nfunction x(): void {}\n');
      expect(modelFunctions(root).map((f) => [f.name, f.counterpart?.kind ?? null])).toEqual([['do_thing', null], ['x', 'kernel']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('collects every abstraction stated in src/model, with the lines that continue it', () => {
    const items = statedAbstractions();
    const texts = items.map((a) => `${a.source}: ${a.text}`);
    expect(texts).toContain('src/model/fs/namespace.ts: no child mounts, no propagation. It hides an unmount that takes peer copies in other namespaces along, or fails with -EBUSY on a busy peer (chapter 5): the model\'s namespaces hold private copies.');
    expect(items.some((a) => a.source === 'src/model/kernel/workqueue.ts' && a.text.startsWith('time is not modelled'))).toBe(true);
    expect(items.filter((a) => a.kind === 'Left out').length).toBeGreaterThanOrEqual(3);
  });
});

describe('the worked example in the reference chapter is the real one', () => {
  const chapter = readFileSync('content/chapters/12-reference.mdx', 'utf8');
  // A fence is its language, then optional meta (`wrap`), then the code.
  const blocks = [...chapter.matchAll(/```(\w+)[^\n]*\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));

  it("its scenario is scenarios/worked-example.ts, shown from the file itself in a cell's fold", () => {
    expect(chapter).toMatch(/<ExploreCell scenario="worked-example" situation="still-open"/);
    expect(readFileSync('src/components/CellFrame.astro', 'utf8')).toContain('scenarioSource(scenario.id)');
  });

  it('its MDX sample is a chapter that passes the drift check', () => {
    const mdx = blocks.find((b) => b.lang === 'mdx')!.text;
    const r = checkSource('content/chapters/12-reference-sample.mdx', mdx);
    expect(r.cells).toBe(3);
    expect(r.issues).toEqual([]);
  });
});

describe('the glossary', () => {
  const file = 'content/chapters/99-x.mdx';
  const text = '---\ntitle: x\n---\n\n## The jiffy\n\nA jiffy, then another jiffy; `s_active` and `s_active`.\n\n```\njiffy\n```\n';

  it("a chapter must link each term's first use (not in a heading or code), and --update writes the links", () => {
    const issues = checkSource(file, text).issues.filter((i) => i.kind === 'glossary-link');
    expect(issues.map((i) => [i.line, i.message.split(':')[0]])).toEqual([
      [7, 'the first use of "jiffy" in this chapter should link to the glossary'],
      [7, 'the first use of `s_active` in this chapter should link to the glossary'],
    ]);
    const fixed = addGlossaryLinks(text, readChapter(file, text).glossary);
    expect(fixed).toContain('A [jiffy](../12-reference/#g-jiffy), then another jiffy; [`s_active`](../12-reference/#g-s-active) and `s_active`.');
    expect(fixed).toContain('## The jiffy');
    expect(checkSource(file, fixed).issues.filter((i) => i.kind === 'glossary-link')).toEqual([]);
  });

  it('the reference page itself and pages outside the book are not asked to link', () => {
    expect(checkSource('content/chapters/12-reference.mdx', text).issues.filter((i) => i.kind === 'glossary-link')).toEqual([]);
    expect(checkSource('content/index.mdx', text).issues).toEqual([]);
  });

  it('has unique ids', () => {
    expect(new Set(GLOSSARY.map((t) => t.id)).size).toBe(GLOSSARY.length);
  });
});

describe('the book covers the catalogue', () => {
  it('every catalogue scenario appears in a cell of some chapter', async () => {
    const { CATALOGUE } = await import('../../scenarios/index.ts');
    const { chapterFiles } = await import('../../src/notebook/verify-files.ts');
    const used = new Set<string>();
    for (const f of chapterFiles('.')) {
      for (const c of readChapter(f, readFileSync(f, 'utf8')).cells) {
        if (c.component === 'Claim') continue;
        for (const id of [c.attrs.scenario, ...(c.attrs.scenarios ?? '').split(/\s+/)]) if (id) used.add(id);
      }
    }
    expect(CATALOGUE.map((s) => s.id).filter((id) => !used.has(id))).toEqual([]);
  });
});
