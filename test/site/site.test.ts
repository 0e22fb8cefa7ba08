/**
 * The built site: it builds without warnings, its internal links resolve, it
 * loads nothing from other hosts, two builds are byte for byte the same, and a
 * stale expectation in a chapter fails the build with the file and line.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildSite as build, copyProject } from '../build-site.ts';
import { checkLinks } from './links.ts';
import { explore } from '../../src/explore/explore.ts';
import { groupDigits } from '../../src/notebook/render.ts';
import { catalogue } from '../../src/scenario/catalogue.ts';

const work = mkdtempSync(join(tmpdir(), 'nak-site-'));
const { out: outA, log: logA } = inject('site');

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => statSync(p).isFile())
    .sort();
}

function digest(dir: string): Map<string, string> {
  return new Map(files(dir).map((f) => [f.slice(dir.length), createHash('sha256').update(readFileSync(f)).digest('hex')]));
}

const pages = () => files(outA).filter((f) => f.endsWith('.html'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run build', () => {
  it('tutorial: builds the landing page and every chapter, with no warnings', () => {
    for (const p of ['index.html', '404.html', 'chapters/01-the-crash-and-the-patch/index.html', 'chapters/02-lifetimes/index.html']) {
      expect(existsSync(join(outA, p)), p).toBe(true);
    }
    expect(logA).toMatch(/cells and claims agree with the model in \d+ files/);
    // npm's own notices about the machine's npm config are not the build's warnings.
    expect(logA.split('\n').filter((l) => /\[WARN\]|warning/i.test(l) && !/^npm warn /i.test(l))).toEqual([]);
  });

  it('every page has a title and a description', () => {
    for (const f of pages()) {
      const html = readFileSync(f, 'utf8');
      expect(html, f).toMatch(/<title>[^<]+<\/title>/);
      expect(html, f).toMatch(/<meta name="description" content="[^"]+"/);
    }
  });

  it('every internal link and asset resolves to a built file', () => {
    const r = checkLinks(outA, '/');
    expect(r.broken).toEqual([]);
    expect(r.checked).toBeGreaterThan(r.pages * 5);
  });

  it("every glossary link lands on a term of the reference page, and chapters link their terms' first use", () => {
    const reference = readFileSync(join(outA, 'chapters/12-reference/index.html'), 'utf8');
    const targets: string[] = [];
    for (const f of pages()) {
      for (const m of readFileSync(f, 'utf8').matchAll(/href="\.\.\/12-reference\/#(g-[a-z0-9-]+)"/g)) targets.push(m[1]!);
    }
    expect(targets.length).toBeGreaterThan(20);
    for (const id of new Set(targets)) expect(reference, id).toContain(`id="${id}"`);
    expect(readFileSync(join(outA, 'chapters/03-deferred-release/index.html'), 'utf8')).toContain('href="../12-reference/#g-jiffy"');
  });

  it('makes no claim about a host it was not given: no canonical link, no sitemap', () => {
    for (const f of pages()) expect(readFileSync(f, 'utf8'), f).not.toMatch(/rel="canonical"|umount-wait-nak\.example|rel="sitemap"/);
    expect(existsSync(join(outA, 'sitemap-index.xml'))).toBe(false);
  });

  it('loads nothing from another host (links to sources are plain anchors)', () => {
    const external: string[] = [];
    for (const f of files(outA).filter((x) => /\.(html|css)$/.test(x))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/<(script|img|iframe|source|video|audio)\b[^>]*\bsrc="(https?:)?\/\/[^"]*"/g)) external.push(`${f}: ${m[0]}`);
      for (const m of text.matchAll(/<link\b[^>]*>/g)) {
        if (/href="(https?:)?\/\//.test(m[0]) && !/rel="(canonical|sitemap)"/.test(m[0])) external.push(`${f}: ${m[0]}`);
      }
      for (const m of text.matchAll(/url\(\s*['"]?(https?:)?\/\/[^)]*\)/g)) external.push(`${f}: ${m[0]}`);
    }
    expect(external).toEqual([]);
  });

  it('has a search index and a favicon', () => {
    expect(existsSync(join(outA, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(existsSync(join(outA, 'favicon.svg'))).toBe(true);
  });

  it('the chapters show the model output: the crash trace ends in the oops', () => {
    const html = readFileSync(join(outA, 'chapters/01-the-crash-and-the-patch/index.html'), 'utf8');
    expect(html).toContain('class="nak-trace"');
    expect(html).toContain('oops at step 20: generic_shutdown_super');
  });

  it('a count in a sentence reads as the table beside it shows it, with its digits grouped', () => {
    const html = readFileSync(join(outA, 'chapters/06-just-before/index.html'), 'utf8');
    const oops = explore(catalogue().get('just-before')!).properties.oops!.schedulesSeen;
    expect(String(oops)).toMatch(/^\d{4}$/);
    expect(html).toMatch(new RegExp(`class="nak-claim"[^>]*>${groupDigits(oops)}</span>`));
    expect(html).toContain(`${groupDigits(oops)} of `);
  });

  it('is byte for byte the same when built again, into another folder', () => {
    const r = inject('siteAgain');
    expect(r.status, r.log).toBe(0);
    const outB = r.out;
    const a = digest(outA);
    const b = digest(outB);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differ = [...a.keys()].filter((k) => a.get(k) !== b.get(k));
    const first = differ[0];
    if (first) {
      const x = readFileSync(join(outA, first), 'utf8');
      const y = readFileSync(join(outB, first), 'utf8');
      let i = 0;
      while (i < x.length && x[i] === y[i]) i++;
      expect.fail(`${differ.length} files differ; ${first} first at ${i}:\n${x.slice(i - 80, i + 80)}\n---\n${y.slice(i - 80, i + 80)}`);
    }
  });
});

describe('a build under a base path, as a project page is published', () => {
  const { out, log, base } = inject('siteUnderBase');

  it('has no broken internal link, and its canonical links and sitemap use the configured site', () => {
    expect(log.split('\n').filter((l) => /\[WARN\]|warning/i.test(l) && !/^npm warn /i.test(l))).toEqual([]);
    const links = checkLinks(out, base);
    expect(links.broken).toEqual([]);
    expect(links.checked).toBeGreaterThan(links.pages * 5);
    const chapter = readFileSync(join(out, 'chapters/07-just-past/index.html'), 'utf8');
    expect(chapter).toContain('<link rel="canonical" href="https://owner.github.io/umount-wait-nak/chapters/07-just-past/"');
    expect(chapter).toMatch(/<a href="\/umount-wait-nak\/play\/#just-past:[^"]+@0">Step through this run in the playground<\/a>/);
    // The in-cell stepper's links to the playground are under the base too.
    expect(chapter).toContain('data-play="/umount-wait-nak/play/"');
    expect(readFileSync(join(out, 'sitemap-0.xml'), 'utf8')).toContain('<loc>https://owner.github.io/umount-wait-nak/chapters/01-the-crash-and-the-patch/</loc>');
    expect(readFileSync(join(out, '404.html'), 'utf8')).toContain('<a href="/umount-wait-nak/">Back to the start</a>');
    // The source repository, from its setting: in the header and in every cell's "run it yourself".
    expect(chapter).toContain('href="https://github.com/owner/umount-wait-nak"');
    expect(chapter).toContain('Get the code with <code>git clone https://github.com/owner/umount-wait-nak</code>');
    expect(readFileSync(join(outA, 'chapters/07-just-past/index.html'), 'utf8')).not.toContain('github.com/owner');
  });

  it('the same links are broken when they ignore the base: the check can fail', () => {
    const file = join(out, 'chapters/07-just-past/index.html');
    const html = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, html.replace('href="../06-just-before/"', 'href="/chapters/06-just-before/"'));
      expect(checkLinks(out, base).broken).toContain('chapters/07-just-past/index.html -> /chapters/06-just-before/ (outside the base path /umount-wait-nak/)');
    } finally {
      writeFileSync(file, html);
    }
  });
});

describe('a stale expectation fails the build', () => {
  it('names the chapter file and line of the changed character, and of a component nothing imports', async () => {
    const copy = copyProject(join(work, 'stale')).root;
    const file = join(copy, 'content/chapters/02-lifetimes.mdx');
    const text = readFileSync(file, 'utf8');
    const needle = 'umount_tree: mnt1.mnt_ns ns1→NULL';
    const line = text.slice(0, text.indexOf(needle)).split('\n').length;
    // A second problem in the same build: a trace cell under a local name that nothing imports.
    const lines = text.replace(needle, 'umount_tree: mnt1.mnt_ns ns1→NULl').split('\n');
    lines.push('', '<Trace scenario="just-past" pinned="nak-trace" />', '');
    writeFileSync(file, lines.join('\n'));
    const r = await build(join(copy, 'dist'), copy);
    expect(r.status).not.toBe(0);
    expect(r.log).toContain(`content/chapters/02-lifetimes.mdx:${line}: stale-output`);
    expect(r.log).toContain(`content/chapters/02-lifetimes.mdx:${lines.length - 1}: unknown-component: <Trace> is used but nothing imports it`);
    expect(existsSync(join(copy, 'dist', 'chapters'))).toBe(false);
  }, 180_000);
});
