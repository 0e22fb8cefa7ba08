/**
 * The script a chapter page makes the reader download beyond what Starlight
 * itself ships. The budget: at most 30 KB gzip of the project's own
 * script on a chapter page, and none of it before the reader asks for a stepper
 * or it scrolls into view. Reported here: per chapter page, the gzip size of the
 * project's script the page loads eagerly (the `<script>` tags and everything
 * they import statically, followed through the built files in _astro/) against
 * the 30 KB budget, and, as information, what it loads lazily (dynamic import()).
 * The playground (/play/) is reported too, as information: it is no chapter.
 *
 * Whose script is it? A script is the project's unless it is shown to be Starlight's:
 *  1. A built file with a source map beside it (`withBuiltSite` builds with
 *     Vite's hidden source maps, which change no byte of the scripts): the map's
 *     `sources` say where its code came from. It is Starlight's if every source is in
 *     Starlight's packages (Starlight, Pagefind's UI, Expressive Code, Astro's
 *     prefetch script that Starlight turns on) or a virtual module of Astro or Vite;
 *     a source in src/ or scenarios/, or in any other package the project bundles,
 *     makes the whole chunk the project's.
 *  2. A file that only imports others (`import"./x.js"`, which gets no map) is its imports' owner.
 *  3. An inline script: the project's if its text is in the project's source (an
 *     `is:inline` script, a `head` entry); Starlight's if it is in Starlight's
 *     components. Else Astro bundled it and then inlined it (small, no imports),
 *     leaving its map with no file beside it: Starlight's if every such orphan map
 *     is Starlight's, the project's if any is the project's. (An inline script is
 *     not matched to its own map, so one orphan map of the project's makes every
 *     such inline script the project's: an overstatement, never a hiding.)
 *  4. Without maps (a build by `npm run build`): Starlight's if the 404 page, which
 *     is Starlight's page frame with two paragraphs and no component of the
 *     project's, loads the identical script; or if the chunk is named after a
 *     module of Starlight's packages that the project has none of (Astro names a
 *     component's script Search.astro_astro_type_script_index_0_lang.HASH.js,
 *     Rolldown a shared chunk name.HASH.js), or is Expressive Code's ec.*.js.
 * When in doubt the rule says "the project's", so a misclassification can only
 * overstate the project's script, never hide it. A worker's script (new Worker(new
 * URL(...))) is followed too, as lazy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildEnv } from '../test/build-site.ts';

export const SCRIPT_BUDGET_GZIP_BYTES = 30 * 1024;
/**
 * What one feature loads when the reader asks for it (the stepper, an exploration).
 * 32 KB, from 30: the stepper's trace links every step to its kernel line (the
 * data of src/reference/kernel-lines.ts and its links, about 1.1 KB gzip).
 */
export const FEATURE_BUDGET_GZIP_BYTES = 32 * 1024;

export type Owner = 'starlight' | 'project';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** One script a page runs: an inline `<script>` or a file of the built site. */
interface Unit {
  readonly key: string; // 'inline:<text>' or the file's path inside the site, '/_astro/x.js'
  readonly label: string;
  readonly code: Buffer;
  readonly file?: string; // absolute path, for built files
}

interface PageScripts {
  readonly eager: Unit[];
  readonly lazy: Unit[];
  /** Dynamic imports whose target is computed at run time (Pagefind's index), named as written. */
  readonly unresolved: string[];
  /** Scripts from another host: never expected, always the project's problem. */
  readonly remote: string[];
}

const JS_TYPES = /^(|module|text\/javascript|application\/javascript)$/i;
const STATIC_IMPORT = /(?:^|[^\w$.])(?:import|export)\s*(?:[^"'`;()]*?\bfrom\s*)?(["'`])([^"'`\s]+?\.m?js)\1/g;
const DYNAMIC_IMPORT = /(?:^|[^\w$.])import\(\s*(["'`])([^"'`]+?)\1\s*\)/g;
/** A worker's script, as Vite writes `new Worker(new URL('./w.ts', import.meta.url))`: loaded when the worker starts, so lazily. */
const WORKER_URL = /\bnew\s+URL\(\s*(["'`])([^"'`]+?\.m?js)\1\s*,[^)]*?import\.meta\.url/g;

const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const kb = (n: number) => (n / 1024).toFixed(1);

/** The file in the site that `spec`, met in `from` (a path inside the site such as /_astro/a.js or /chapters/x/), names. */
function siteFile(siteDir: string, base: string, from: string, spec: string): string | undefined {
  let path = new URL(spec, `http://site${from}`).pathname;
  if (base !== '/' && path.startsWith(base)) path = '/' + path.slice(base.length);
  const file = join(siteDir, decodeURIComponent(path));
  return file.startsWith(siteDir) && existsSync(file) && statSync(file).isFile() ? path : undefined;
}

function fileUnit(siteDir: string, path: string): Unit {
  const file = join(siteDir, path);
  return { key: path, label: path.replace(/^\/_astro\//, ''), code: readFileSync(file), file };
}

/** The scripts a built page loads, eagerly and lazily, each counted once. */
export function pageScripts(siteDir: string, pagePath: string, base = '/'): PageScripts {
  const html = readFileSync(join(siteDir, pagePath, pagePath.endsWith('.html') ? '' : 'index.html'), 'utf8');
  const eager = new Map<string, Unit>();
  const lazy = new Map<string, Unit>();
  const unresolved = new Set<string>();
  const remote: string[] = [];
  const pending: { unit: Unit; from: string; isLazy: boolean }[] = [];
  const add = (unit: Unit, from: string, isLazy: boolean) => {
    if (eager.has(unit.key) || (isLazy && lazy.has(unit.key))) return;
    if (!isLazy) lazy.delete(unit.key);
    (isLazy ? lazy : eager).set(unit.key, unit);
    pending.push({ unit, from, isLazy });
  };
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1]!;
    const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attrs)?.[1] ?? '';
    if (!JS_TYPES.test(type)) continue; // JSON-LD, import maps and the like run no code
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1];
    if (src === undefined) {
      const text = m[2]!.trim();
      if (text) add({ key: `inline:${text}`, label: `inline <script${type ? ` type="${type}"` : ''}> ${text.slice(0, 40).replace(/\s+/g, ' ')}…`, code: Buffer.from(text) }, pagePath, false);
    } else if (/^(https?:)?\/\//i.test(src)) {
      remote.push(src);
    } else {
      const path = siteFile(siteDir, base, pagePath, src);
      if (path) add(fileUnit(siteDir, path), path, false);
      else unresolved.add(`${src} (missing from the build)`);
    }
  }
  // A script the page asks the browser to fetch ahead is downloaded with the page, whoever imports it later.
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = m[1]!;
    const rel = /\brel\s*=\s*["']?([^"'>]*)/i.exec(attrs)?.[1] ?? '';
    if (!/\bmodulepreload\b/i.test(rel) && !(/\bpreload\b/i.test(rel) && /\bas\s*=\s*["']?script\b/i.test(attrs))) continue;
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1];
    if (!href) continue;
    if (/^(https?:)?\/\//i.test(href)) remote.push(href);
    else {
      const path = siteFile(siteDir, base, pagePath, href);
      if (path) add(fileUnit(siteDir, path), path, false);
    }
  }
  while (pending.length) {
    const { unit, from, isLazy } = pending.shift()!;
    const code = unit.code.toString('utf8');
    for (const [re, dynamic] of [[STATIC_IMPORT, false], [DYNAMIC_IMPORT, true], [WORKER_URL, true]] as const) {
      for (const m of code.matchAll(re)) {
        const spec = m[2]!;
        if (dynamic && spec.includes('${')) {
          unresolved.add(spec);
          continue;
        }
        const path = siteFile(siteDir, base, from, spec);
        if (path) add(fileUnit(siteDir, path), path, isLazy || dynamic);
      }
    }
  }
  return { eager: [...eager.values()], lazy: [...lazy.values()], unresolved: [...unresolved], remote };
}

/** The sources a built file's source map names, as written; undefined when it has none. */
function mapSources(map: string): string[] | undefined {
  if (!existsSync(map)) return undefined;
  const { sources = [], sourceRoot = '' } = JSON.parse(readFileSync(map, 'utf8')) as { sources?: string[]; sourceRoot?: string };
  return sources.map((s) => (sourceRoot ? `${sourceRoot.replace(/\/?$/, '/')}${s}` : s).replace(/[?#].*$/, ''));
}

/** Packages whose code is Starlight's own: Starlight, what it builds its search and code blocks with, and Astro's client scripts it turns on. */
const STARLIGHT_PACKAGES = ['@astrojs/starlight', '@pagefind/default-ui', 'astro-expressive-code', '@expressive-code', 'astro'];

/**
 * Whose a source of a map is. Paths in maps are relative to where the bundler
 * thought the output would be (a worker's map is relative to the default dist/,
 * not the real outDir), so they are not resolved: a source is Starlight's if it
 * lies in one of Starlight's packages under node_modules, or is a virtual module
 * of Astro or Vite (astro:scripts/page.js, \0vite/preload-helper.js); anything
 * else, the project's files and any other package it bundles, is the project's.
 */
function sourceOwner(src: string): Owner {
  const path = src.replaceAll('\\', '/');
  const pkg = [...path.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/g)].at(-1)?.[1]; // the last: pnpm nests packages
  if (pkg) return STARLIGHT_PACKAGES.some((p) => pkg === p || pkg.startsWith(`${p}/`)) ? 'starlight' : 'project';
  const clean = path.replace(/^(\.\.?\/)+/, '');
  return clean.startsWith('\0') || /(^|\/)(astro|virtual):/.test(clean) || /^@?vite\//.test(clean) ? 'starlight' : 'project';
}

/** A source as a path of this repository where it is one (src/errors.ts), else as written less its leading ../. */
const shown = (src: string) => {
  const i = src.search(/(?:^|\/)(src|scenarios|content)\//);
  return i >= 0 ? src.slice(src[i] === '/' ? i + 1 : i) : src.replace(/^(\.\.?\/)+/, '');
};

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The text of every file under `dir` whose name ends in one of `exts`, whitespace squashed, one file a line. */
function corpus(dir: string, exts: string[], skip = /(^|[\\/])(node_modules|dist|\.astro)([\\/]|$)/): string {
  if (!existsSync(dir)) return '';
  const parts: string[] = [];
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (skip.test(f) || !exts.some((e) => f.endsWith(e))) continue;
    const file = join(dir, f);
    if (statSync(file).isFile()) parts.push(squash(readFileSync(file, 'utf8')));
  }
  return parts.join('\n');
}

/** What the owner rule (at the top of this file) looks at, gathered once per site. */
interface Evidence {
  readonly siteDir: string;
  /** Units the 404 page loads. */
  readonly baseline: ReadonlySet<string>;
  /** Starlight's components, whose `is:inline` scripts Astro copies into the page as they are. */
  readonly starlightText: string;
  /** The project's components, pages and config, where an `is:inline` script or a `head` entry of its own would be. */
  readonly projectText: string;
  /**
   * Scripts Astro bundled and then inlined (small, no imports) leave a source map
   * with no script beside it: do all of those come from node_modules? Undefined
   * when the build has no source maps.
   */
  readonly inlinedAllStarlight: boolean | undefined;
  readonly inlinedProject: string[];
  /** Module file names (Search.astro, starlight-toc.js, ui-core.mjs) in Starlight and the packages it ships its scripts from, and in the project. */
  readonly starlightNames: ReadonlySet<string>;
  readonly projectNames: ReadonlySet<string>;
}

function moduleNames(dir: string, skipNodeModules: boolean): Set<string> {
  const names = new Set<string>();
  if (!existsSync(dir)) return names;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (skipNodeModules && /(^|[\\/])node_modules([\\/]|$)/.test(f)) continue;
    const m = /([^\\/]+)\.(astro|m?js|ts)$/.exec(f);
    if (m) names.add(m[2] === 'astro' ? `${m[1]}.astro` : m[1]!);
  }
  return names;
}

/**
 * The module a built chunk is named after: Astro names a component's bundled
 * `<script>` Name.astro_astro_type_script_index_0_lang.HASH.js, and Rolldown a
 * shared chunk after its main module, name.HASH.js.
 */
const chunkModule = (label: string) => {
  const stem = label.replace(/\.[\w-]+\.m?js$/, '');
  const astro = /^(.+\.astro)_astro_type_script_index_\d+_lang$/.exec(stem);
  return astro ? astro[1]! : stem;
};

export function evidence(siteDir: string, base = '/'): Evidence {
  const astro = join(siteDir, '_astro');
  const maps = existsSync(astro) ? readdirSync(astro).filter((f) => f.endsWith('.js.map')) : [];
  const orphans = maps.filter((m) => !existsSync(join(astro, m.slice(0, -'.map'.length))));
  const inlinedProject = orphans.filter((m) => mapSources(join(astro, m))!.some((src) => sourceOwner(src) === 'project'));
  const baseline = new Set<string>();
  if (existsSync(join(siteDir, '404.html'))) {
    const s = pageScripts(siteDir, '/404.html', base);
    for (const u of [...s.eager, ...s.lazy]) baseline.add(u.key);
  }
  return {
    siteDir,
    baseline,
    starlightText: corpus(join(PROJECT_ROOT, 'node_modules', '@astrojs', 'starlight'), ['.astro'], /(^|[\\/])node_modules([\\/]|$)/),
    projectText: [corpus(join(PROJECT_ROOT, 'src'), ['.astro', '.ts', '.js', '.mjs', '.html']), existsSync(join(PROJECT_ROOT, 'astro.config.mjs')) ? squash(readFileSync(join(PROJECT_ROOT, 'astro.config.mjs'), 'utf8')) : ''].join('\n'),
    inlinedAllStarlight: maps.length ? inlinedProject.length === 0 : undefined,
    inlinedProject,
    starlightNames: new Set(STARLIGHT_PACKAGES.flatMap((p) => [...moduleNames(join(PROJECT_ROOT, 'node_modules', ...p.split('/')), true)])),
    projectNames: new Set([...moduleNames(join(PROJECT_ROOT, 'src'), true), ...moduleNames(join(PROJECT_ROOT, 'scenarios'), true)]),
  };
}

const IMPORT_ONLY = /^(?:\s|;|\/\*[\s\S]*?\*\/|import\s*(["'`])[^"'`]+\1)*$/;

/** Whose script a unit is, and why (see the rule at the top of this file). */
export function ownerOf(unit: Unit, ev: Evidence, seen = new Set<string>()): { owner: Owner; why: string } {
  if (unit.file) {
    const sources = mapSources(`${unit.file}.map`);
    if (sources) {
      const own = sources.filter((src) => sourceOwner(src) === 'project');
      return own.length
        ? { owner: 'project', why: `source map: ${own.slice(0, 3).map(shown).join(', ')}${own.length > 3 ? ` and ${own.length - 3} more` : ''}` }
        : { owner: 'starlight', why: "source map: Starlight's packages only" };
    }
    const code = unit.code.toString('utf8');
    if (ev.inlinedAllStarlight !== undefined && IMPORT_ONLY.test(code) && !seen.has(unit.key)) {
      // A chunk with nothing but `import "./x.js"` has no map: it is its imports' owner.
      seen.add(unit.key);
      const targets = [...code.matchAll(STATIC_IMPORT)].map((m) => siteFile(ev.siteDir, '/', unit.key, m[2]!)).filter((p) => p !== undefined);
      const owners = targets.map((p) => ownerOf(fileUnit(ev.siteDir, p), ev, seen).owner);
      if (owners.length && owners.every((o) => o === 'starlight')) return { owner: 'starlight', why: "imports only Starlight's" };
      return { owner: 'project', why: 'imports only, not all of them Starlight\'s' };
    }
  } else {
    const text = squash(unit.code.toString('utf8'));
    if (ev.projectText.includes(text)) return { owner: 'project', why: "inline, the project's source has it" };
    if (ev.starlightText.includes(text)) return { owner: 'starlight', why: "inline, as Starlight's components have it" };
    if (ev.inlinedAllStarlight) return { owner: 'starlight', why: 'inlined by Astro; every inlined bundle\'s source map is node_modules only' };
    if (ev.inlinedAllStarlight === false) return { owner: 'project', why: `inlined by Astro; the project's own inlined: ${ev.inlinedProject.join(', ')}` };
  }
  if (ev.baseline.has(unit.key)) return { owner: 'starlight', why: 'also on the 404 page' };
  if (unit.file && /^ec\.[\w-]+\.js$/.test(unit.label)) return { owner: 'starlight', why: "Expressive Code's ec.*.js" };
  if (unit.file) {
    const module = chunkModule(unit.label);
    if (ev.starlightNames.has(module) && !ev.projectNames.has(module)) return { owner: 'starlight', why: `named after ${module}, Starlight's and not the project's` };
  }
  return { owner: 'project', why: 'no source map, not on the 404 page' };
}

/**
 * What each thing a reader can ask for loads: for every import() that a page's
 * eager script makes, that module with everything it imports and the workers it
 * starts, less what the page already loaded. The budget holds for each of them.
 */
export function lazyFeatures(siteDir: string, pagePath: string, base = '/'): Array<{ entry: string; units: Unit[] }> {
  const s = pageScripts(siteDir, pagePath, base);
  const eager = new Set(s.eager.map((u) => u.key));
  const entries = new Set<string>();
  for (const u of s.eager) {
    for (const m of u.code.toString('utf8').matchAll(DYNAMIC_IMPORT)) {
      const path = u.file ? siteFile(siteDir, base, u.key, m[2]!) : undefined;
      if (path && !eager.has(path)) entries.add(path);
    }
  }
  return [...entries].sort().map((entry) => {
    const seen = new Map<string, Unit>();
    const todo = [entry];
    while (todo.length) {
      const path = todo.pop()!;
      if (seen.has(path) || eager.has(path)) continue;
      const unit = fileUnit(siteDir, path);
      seen.set(path, unit);
      for (const re of [STATIC_IMPORT, WORKER_URL]) {
        for (const m of unit.code.toString('utf8').matchAll(re)) {
          const next = siteFile(siteDir, base, path, m[2]!);
          if (next) todo.push(next);
        }
      }
    }
    return { entry, units: [...seen.values()] };
  });
}

export function measureScripts(siteDir: string, base = '/'): { rows: string[]; ok: boolean } {
  siteDir = resolve(siteDir);
  const ev = evidence(siteDir, base);
  const chapters = existsSync(join(siteDir, 'chapters'))
    ? readdirSync(join(siteDir, 'chapters'))
        .filter((d) => existsSync(join(siteDir, 'chapters', d, 'index.html')))
        .sort()
        .map((d) => `/chapters/${d}/`)
    : [];
  if (chapters.length === 0) return { rows: [`scripts: no chapter page in ${siteDir}: OVER BUDGET (nothing measured)`], ok: false };
  const pages = [...chapters, ...(existsSync(join(siteDir, 'play', 'index.html')) ? ['/play/'] : [])];
  const rows = [
    `${'page (script, KB gzip)'.padEnd(48)} ${'scripts'.padStart(7)} ${'starlight'.padStart(9)} ${'project'.padStart(8)} ${'budget'.padStart(7)} ${'lazy'.padStart(6)}  result`,
  ];
  let ok = true;
  /** The project's scripts, each once, with the pages that load it. */
  const own = new Map<string, { label: string; why: string; size: number; lazy: boolean; pages: string[] }>();
  let lazyStarlight = 0;
  let maxTotal = 0;
  let unresolved = new Set<string>();
  for (const page of pages) {
    const s = pageScripts(siteDir, page, base);
    const chapter = page !== '/play/';
    let starlight = 0;
    let project = 0;
    let projectLazy = 0;
    let starlightLazy = 0;
    for (const [units, isLazy] of [[s.eager, false], [s.lazy, true]] as const) {
      for (const u of units) {
        const { owner, why } = ownerOf(u, ev);
        const size = gz(u.code);
        if (owner === 'starlight') {
          if (isLazy) starlightLazy += size;
          else starlight += size;
          continue;
        }
        if (isLazy) projectLazy += size;
        else project += size;
        const k = `${isLazy}:${u.key}`;
        if (!own.has(k)) own.set(k, { label: u.label, why, size, lazy: isLazy, pages: [] });
        own.get(k)!.pages.push(page);
      }
    }
    lazyStarlight = Math.max(lazyStarlight, starlightLazy);
    for (const r of s.remote) {
      const k = `remote:${r}`;
      if (!own.has(k)) own.set(k, { label: `from another host: ${r}`, why: 'not this site', size: 0, lazy: false, pages: [] });
      own.get(k)!.pages.push(page);
    }
    unresolved = new Set([...unresolved, ...s.unresolved]);
    if (chapter) maxTotal = Math.max(maxTotal, project + projectLazy);
    const pass = !chapter || (project <= SCRIPT_BUDGET_GZIP_BYTES && s.remote.length === 0);
    ok &&= pass;
    rows.push(
      `${page.padEnd(48)} ${String(s.eager.length).padStart(7)} ${kb(starlight).padStart(9)} ${kb(project).padStart(8)} ${(chapter ? kb(SCRIPT_BUDGET_GZIP_BYTES) : '-').padStart(7)} ${kb(projectLazy).padStart(6)}  ${!chapter ? 'information (not a chapter)' : pass ? 'ok' : 'OVER BUDGET'}`,
    );
  }
  const where = (ps: string[]) => {
    const n = ps.filter((p) => chapters.includes(p)).length;
    const rest = ps.filter((p) => !chapters.includes(p));
    return [n === chapters.length ? `every chapter (${n})` : n ? `${n} chapter${n > 1 ? 's' : ''}` : '', ...rest].filter(Boolean).join(', ');
  };
  rows.push(own.size ? "the project's own script (KB gzip, loaded, file, why it is the project's, pages):" : "the project's own script: none on any page");
  for (const o of [...own.values()].sort((a, b) => Number(a.lazy) - Number(b.lazy) || b.size - a.size)) {
    rows.push(`  ${kb(o.size).padStart(6)}  ${o.lazy ? 'lazy ' : 'eager'}  ${o.label}  (${o.why})  on ${where(o.pages)}`);
  }
  const later = [...unresolved].map((u) => (u.includes('pagefind') ? "Pagefind's index (pagefind/)" : `import(\`${u}\`)`));
  rows.push(`starlight: Starlight's own script, and Astro's that it turns on; project: the project's own; lazy: the project's, loaded only by import().`);
  rows.push(`Owners ${ev.inlinedAllStarlight === undefined ? 'by the 404 page and by chunk names (the build has no source maps; unsure ones count as the project\'s)' : 'by source maps; inline scripts by their source'}.`);
  rows.push(`Starlight's search loads ${kb(lazyStarlight)} KB gzip more on first use${later.length ? `, then ${later.join(', ')}` : ''}.`);
  rows.push(`a chapter's own script, eager and lazy, at most: ${kb(maxTotal)} KB gzip (information: the 30 KB budget read as this total, all of it lazy or eager)`);
  rows.push(`budget: a chapter page's own eager script at most ${kb(SCRIPT_BUDGET_GZIP_BYTES)} KB gzip: ${ok ? 'ok' : 'OVER BUDGET'}`);
  // What loads when the reader asks for one thing (a stepper, an exploration), on the chapter page that has the most.
  let featuresOk = true;
  const features = new Map<string, number>();
  for (const page of chapters) {
    for (const f of lazyFeatures(siteDir, page, base)) {
      const size = f.units.filter((u) => ownerOf(u, ev).owner === 'project').reduce((n, u) => n + gz(u.code), 0);
      const name = f.entry.replace(/^\/_astro\//, '').replace(/\.[\w-]+\.m?js$/, '');
      if (size > 0) features.set(name, Math.max(features.get(name) ?? 0, size));
    }
  }
  for (const [name, size] of features) {
    const pass = size <= FEATURE_BUDGET_GZIP_BYTES;
    featuresOk &&= pass;
    rows.push(`budget: what "${name}" loads when the reader asks for it, at most ${kb(FEATURE_BUDGET_GZIP_BYTES)} KB gzip: ${kb(size)} KB, ${pass ? 'ok' : 'OVER BUDGET'}`);
  }
  return { rows, ok: ok && featuresOk };
}

/**
 * Build the site as `npm run build` does (its environment, its config) into a
 * temporary folder, with Vite's hidden source maps added (.map files beside the
 * scripts, no reference to them in any script, not a byte of a script changed),
 * run `fn` on it, then remove it.
 */
export async function withBuiltSite<T>(fn: (siteDir: string) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'nak-bench-site-'));
  try {
    const out = join(dir, 'dist');
    const script = `import { build } from 'astro'; await build({ root: process.cwd(), outDir: ${JSON.stringify(out)}, vite: { build: { sourcemap: 'hidden' } } });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8', env: buildEnv() });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
    return await fn(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const dir = process.argv[2];
  const result = dir ? measureScripts(dir) : await withBuiltSite(measureScripts);
  process.stdout.write(result.rows.join('\n') + '\n');
  process.exitCode = result.ok ? 0 : 1;
}
