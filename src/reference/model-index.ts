/**
 * The reference, generated from the model's own sources so it cannot drift
 * from the code: every function of the kernel-shaped modules with the kernel
 * function it stands for (its `@kernel`, `@vendor` or `@model` tag), and every
 * abstraction the model states where it makes it ("Abstraction:", "Left out:").
 * Node only: read at build time and by the tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kernelLineOfTag, kernelLineUrl, type KernelLine } from './kernel-lines.ts';

export type Counterpart =
  | { readonly kind: 'kernel'; readonly file: string; readonly name: string }
  | { readonly kind: 'vendor'; readonly file: string; readonly name: string }
  | { readonly kind: 'model'; readonly why: string };

export interface ModelFunction {
  /** The model file, relative to the project root. */
  readonly source: string;
  readonly name: string;
  readonly counterpart: Counterpart | null;
}

export interface StatedAbstraction {
  readonly source: string;
  readonly kind: 'Abstraction' | 'Left out';
  readonly text: string;
}

/** The model's kernel-shaped modules: one per kernel file (the rest of src/model is its plumbing). */
export const KERNEL_DIRS = ['arch', 'block', 'drivers', 'fs', 'kernel'];

function modelFiles(root: string): string[] {
  return KERNEL_DIRS.flatMap((d) =>
    readdirSync(join(root, 'src/model', d), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `src/model/${d}/${f}`),
  ).sort();
}

const FUNCTION = /(?:\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\s*)?(?:export\s+)?function\s+([A-Za-z_$][\w$]*)\s*\(/g;

function counterpartOf(doc: string | undefined): Counterpart | null {
  const text = (doc ?? '').replace(/^\s*\* ?/gm, ' ');
  const k = /@(kernel|vendor)\s+(\S+)\s+([^\n@]+?)\s*(?:$|@|\n)/.exec(text);
  if (k) return { kind: k[1] as 'kernel' | 'vendor', file: k[2]!, name: k[3]!.trim().replace(/\s+/g, ' ') };
  const m = /@model\s+([^@]+)/.exec(text);
  if (m) return { kind: 'model', why: m[1]!.trim().replace(/\s+/g, ' ') };
  return null;
}

export function modelFunctions(root = '.'): ModelFunction[] {
  return modelFiles(root).flatMap((source) => {
    const text = readFileSync(join(root, source), 'utf8');
    return [...text.matchAll(FUNCTION)].map((m) => ({ source, name: m[2]!, counterpart: counterpartOf(m[1]) }));
  });
}

/** Every "Abstraction:" and "Left out:" statement in src/model, with the comment lines that continue it. */
export function statedAbstractions(root = '.'): StatedAbstraction[] {
  const files = readdirSync(join(root, 'src/model'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `src/model/${f}`)
    .sort();
  const out: StatedAbstraction[] = [];
  for (const source of files) {
    const lines = readFileSync(join(root, source), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!/^\s*(\*|\/\/|\/\*\*)/.test(line)) continue;
      const m = /\b(Abstractions?|Left out):\s*(.*?)(?:\s*\*\/)?$/.exec(line);
      if (!m) continue;
      if (line.includes('*/')) {
        out.push({ source, kind: m[1]!.startsWith('Abstraction') ? 'Abstraction' : 'Left out', text: m[2]! });
        continue;
      }
      const parts = [m[2]!];
      for (let j = i + 1; j < lines.length; j++) {
        const c = /^\s*(?:\*|\/\/)\s?(.*)$/.exec(lines[j]!);
        if (!c || c[1]!.trim() === '' || c[1]!.startsWith('/') || /^(@|https?:|Abstractions?:|Left out:)/.test(c[1]!.trim())) break;
        parts.push(c[1]!.trim());
      }
      out.push({ source, kind: m[1]!.startsWith('Abstraction') ? 'Abstraction' : 'Left out', text: parts.join(' ') });
    }
  }
  return out;
}

/** The line a `@kernel` or `@vendor` counterpart is defined at (src/reference/kernel-lines.ts); null for `@model` or a tag with no line yet. */
export function kernelLine(c: Counterpart): KernelLine | null {
  return c.kind === 'model' ? null : (kernelLineOfTag(c.kind, c.file, c.name) ?? null);
}

/** Where a kernel function is defined, at the exact version read: its line on Elixir (Linux) or GitHub (the vendor's commit). */
export function kernelLink(c: Counterpart): string | null {
  const e = kernelLine(c);
  return e ? kernelLineUrl(e) : null;
}
