/** Runs the drift check over chapter files on disk (Node only: the CLI, the build hook and the tests). */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { NakError } from '../errors.ts';
import { checkCell, type Issue, updateSource } from './check.ts';
import { extractCells } from './extract.ts';

export interface FileResult {
  readonly file: string;
  readonly cells: number;
  readonly issues: readonly Issue[];
}

/** Every .mdx file under `dir`, sorted, as paths relative to `root`. */
export function chapterFiles(root: string, dir = 'content'): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.mdx'))
    .map((p) => join(dir, p))
    .sort();
}

function readChapter(root: string, file: string): { path: string; rel: string; source: string } {
  const path = resolve(root, file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new NakError('bad-usage', `no chapter file at ${file}`);
  return { path, rel: relative(root, path), source: readFileSync(path, 'utf8') };
}

export function verifyFile(root: string, file: string): FileResult {
  const { rel, source } = readChapter(root, file);
  const cells = extractCells(rel, source);
  return { file: rel, cells: cells.length, issues: cells.flatMap(checkCell) };
}

/** Rewrite `file` with the model's outputs; returns whether anything changed. */
export function updateFile(root: string, file: string): boolean {
  const { path, rel, source } = readChapter(root, file);
  const next = updateSource(source, extractCells(rel, source));
  if (next !== source) writeFileSync(path, next);
  return next !== source;
}
