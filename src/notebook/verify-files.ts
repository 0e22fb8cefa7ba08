/** Runs the drift check over chapter files on disk (Node only: the CLI, the build hook and the tests). */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkCell, type Issue, updateSource } from './check.ts';
import { extractCells } from './extract.ts';

export interface FileResult {
  readonly file: string;
  readonly cells: number;
  readonly issues: readonly Issue[];
}

/** Every .mdx file under `dir`, sorted, as paths relative to `root`. */
export function chapterFiles(root: string, dir = 'content'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(join(root, d)).sort()) {
      const p = join(d, name);
      if (statSync(join(root, p)).isDirectory()) walk(p);
      else if (name.endsWith('.mdx')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function verifyFile(root: string, file: string): FileResult {
  const rel = relative(root, join(root, file)) || file;
  const source = readFileSync(join(root, file), 'utf8');
  const cells = extractCells(rel, source);
  return { file: rel, cells: cells.length, issues: cells.flatMap(checkCell) };
}

/** Rewrite `file` with the model's outputs; returns whether anything changed. */
export function updateFile(root: string, file: string): boolean {
  const path = join(root, file);
  const source = readFileSync(path, 'utf8');
  const next = updateSource(source, extractCells(file, source));
  if (next !== source) writeFileSync(path, next);
  return next !== source;
}
