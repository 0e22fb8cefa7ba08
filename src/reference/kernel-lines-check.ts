/**
 * Re-reads the kernel lines of src/reference/kernel-lines.ts from a source tree
 * and confirms that each named function is defined at its line.
 *
 *   npm run kernel-lines -- <linux-4.13.4> [--rev REV] [--vendor <oneplus-sm8150> [--vendor-rev REV]]
 *
 * A source is a checked-out tree (its files are read as they are) or a git
 * directory, bare or a `.git` (read with `git show REV:<file>`; REV is HEAD unless
 * given). Vendor entries are checked only with `--vendor`. Exit status: 0 every
 * line checked is confirmed, 1 a line is not (each printed as file:line), 2 bad
 * input (an unknown option, a source that is missing or not a tree of the kernel,
 * a revision git cannot read).
 *
 * "Defined at the line" means: the line starts a definition at column 0 (no
 * leading blank, not a comment or preprocessor line), holds the entry's text at
 * the start of a word ("cleanup_mnt(", "SYSCALL_DEFINE2(umount,"), and does not
 * end in ";" (a prototype or a call).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KERNEL_LINES, kernelLineSource, LINUX_VERSION, type KernelLine, type SourceKind } from './kernel-lines.ts';

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/** A tree to read files from; `read` gives null for a file the tree does not have. */
export interface Source {
  readonly describe: string;
  readonly read: (file: string) => string | null;
}

export class BadInput extends Error {}

const WORD = /[A-Za-z0-9_$]/;

/** Whether `line` defines the function whose definition starts with `text`. */
export function definesAt(line: string, text: string): boolean {
  if (/^\s/.test(line) || /^(\/\*|\*|\/\/|#)/.test(line) || line.trimEnd().endsWith(';')) return false;
  for (let at = line.indexOf(text); at !== -1; at = line.indexOf(text, at + 1)) {
    if (at === 0 || !WORD.test(line[at - 1]!)) return true;
  }
  return false;
}

export interface Mismatch {
  readonly entry: KernelLine;
  readonly message: string;
}

/** Every entry whose line does not define its function in `source`, with what is there instead. */
export function checkLines(entries: readonly KernelLine[], source: Source): Mismatch[] {
  const cache = new Map<string, string[] | null>();
  const lines = (file: string) => {
    if (!cache.has(file)) cache.set(file, source.read(file)?.replace(/\n$/, '').split('\n') ?? null);
    return cache.get(file)!;
  };
  const out: Mismatch[] = [];
  for (const e of entries) {
    const text = lines(e.file);
    if (text === null) {
      out.push({ entry: e, message: `${e.file}:${e.line}: ${e.fn}: the file is not in ${source.describe}` });
      continue;
    }
    const line = text[e.line - 1];
    if (line !== undefined && definesAt(line, e.text)) continue;
    const found = text.flatMap((l, i) => (definesAt(l, e.text) ? [i + 1] : []));
    const there = line === undefined ? `the file has only ${text.length} lines` : line.trim() === '' ? 'the line is blank' : `the line reads: ${line.trim().slice(0, 100)}`;
    const where = found.length ? `; it is defined at line ${found.join(', ')}` : `; no line of ${e.file} defines it`;
    out.push({ entry: e, message: `${e.file}:${e.line}: expected the definition of ${e.fn} ("${e.text}"), but ${there}${where}` });
  }
  return out;
}

function isGitDir(p: string): boolean {
  return existsSync(join(p, 'HEAD')) && existsSync(join(p, 'objects')) && existsSync(join(p, 'refs'));
}

/** A source from a path: a git directory read at `rev`, or a checked-out tree. Throws BadInput. */
export function openSource(path: string, rev: string | null, what: string): Source {
  if (!existsSync(path)) throw new BadInput(`${what}: no such file or directory: ${path}`);
  if (!statSync(path).isDirectory()) throw new BadInput(`${what}: not a directory: ${path}`);
  if (isGitDir(path)) {
    const at = rev ?? 'HEAD';
    const ok = spawnSync('git', ['--git-dir', path, 'rev-parse', '--verify', '--quiet', `${at}^{commit}`], { encoding: 'utf8' });
    if (ok.error) throw new BadInput(`${what}: cannot run git to read ${path}: ${ok.error.message}`);
    if (ok.status !== 0) throw new BadInput(`${what}: git cannot find the revision '${at}' in ${path}`);
    const commit = ok.stdout.trim();
    return {
      describe: `${path} at ${at} (${commit.slice(0, 12)})`,
      read: (file) => {
        const r = spawnSync('git', ['--git-dir', path, 'show', `${commit}:${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        return r.status === 0 ? r.stdout : null;
      },
    };
  }
  if (rev !== null) throw new BadInput(`${what}: --rev needs a git directory, and ${path} is a checked-out tree (its files are read as they are)`);
  return {
    describe: path,
    read: (file) => {
      const f = join(path, file);
      return existsSync(f) && statSync(f).isFile() ? readFileSync(f, 'utf8') : null;
    },
  };
}

interface Args {
  readonly kernel: string;
  readonly rev: string | null;
  readonly vendor: string | null;
  readonly vendorRev: string | null;
}

const USAGE = 'usage: npm run kernel-lines -- <linux-4.13.4 tree or git dir> [--rev REV] [--vendor <vendor tree or git dir> [--vendor-rev REV]]';

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const opts = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--rev' || a === '--vendor' || a === '--vendor-rev') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new BadInput(`${a} needs a value\n${USAGE}`);
      if (opts.has(a)) throw new BadInput(`${a} is given twice\n${USAGE}`);
      opts.set(a, value);
      i++;
    } else if (a.startsWith('-')) {
      throw new BadInput(`unknown option ${a}\n${USAGE}`);
    } else {
      positional.push(a);
    }
  }
  if (positional.length !== 1) throw new BadInput(`${positional.length ? 'one source tree, not ' + positional.length : 'which source tree?'}\n${USAGE}`);
  if (opts.has('--vendor-rev') && !opts.has('--vendor')) throw new BadInput(`--vendor-rev needs --vendor\n${USAGE}`);
  return { kernel: positional[0]!, rev: opts.get('--rev') ?? null, vendor: opts.get('--vendor') ?? null, vendorRev: opts.get('--vendor-rev') ?? null };
}

/** The version a kernel tree's Makefile states ("4.13.4"), or null. */
function makefileVersion(source: Source): string | null {
  const mk = source.read('Makefile');
  if (!mk) return null;
  const field = (name: string) => new RegExp(`^${name}\\s*=\\s*(\\S*)`, 'm').exec(mk)?.[1];
  const [v, p, s] = [field('VERSION'), field('PATCHLEVEL'), field('SUBLEVEL')];
  return v && p ? `${v}.${p}${s ? `.${s}` : ''}` : null;
}

/** Check one kind of entry against one source; throws BadInput when the source has none of their files. */
function checkKind(kind: SourceKind, entries: readonly KernelLine[], source: Source, io: Io): Mismatch[] {
  const mine = entries.filter((e) => e.kind === kind);
  const files = [...new Set(mine.map((e) => e.file))];
  if (mine.length && files.every((f) => source.read(f) === null)) {
    throw new BadInput(`${source.describe} has none of the files the ${kind} lines are in (${files.join(', ')}): is it a ${kind === 'kernel' ? 'Linux' : 'vendor kernel'} source tree?`);
  }
  if (kind === 'kernel') {
    const version = makefileVersion(source);
    const want = LINUX_VERSION.replace(/^v/, '');
    if (version && version !== want) io.err(`note: ${source.describe} is Linux ${version} by its Makefile; the lines were read at ${want}\n`);
  }
  const bad = checkLines(mine, source);
  io.out(`${kind}: ${mine.length - bad.length} of ${mine.length} lines confirmed in ${source.describe}${mine[0] ? ` (read at ${kernelLineSource(mine[0])})` : ''}\n`);
  return bad;
}

/** The command: 0 every line checked is confirmed, 1 one is not, 2 bad input. */
export function kernelLinesMain(argv: readonly string[], io: Io, entries: readonly KernelLine[] = KERNEL_LINES): number {
  try {
    const args = parseArgs(argv);
    const kernel = openSource(args.kernel, args.rev, 'the kernel source');
    const vendor = args.vendor === null ? null : openSource(args.vendor, args.vendorRev, 'the vendor source');
    const bad = checkKind('kernel', entries, kernel, io);
    if (vendor) bad.push(...checkKind('vendor', entries, vendor, io));
    else {
      const n = entries.filter((e) => e.kind === 'vendor').length;
      if (n) io.out(`vendor: ${n} lines not checked (give --vendor <tree> to check them)\n`);
    }
    for (const m of bad) io.err(`${m.message}\n`);
    return bad.length ? 1 : 0;
  } catch (e) {
    if (e instanceof BadInput) {
      io.err(`kernel-lines: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
