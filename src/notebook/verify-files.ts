/** Runs the drift check over chapter files on disk (Node only: the CLI, the build hook and the tests). */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { NakError } from '../errors.ts';
import { checkCell, type Issue, updateSource } from './check.ts';
import { normalizeLineEndings, readChapter } from './extract.ts';
import { addGlossaryLinks, isBookChapter } from './glossary-links.ts';

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

function loadFile(root: string, file: string): { path: string; rel: string; source: string } {
  const path = resolve(root, file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new NakError('bad-usage', `no chapter file at ${file}`);
  return { path, rel: relative(root, path), source: readFileSync(path, 'utf8') };
}

/** Every issue in one chapter's source: its cells against the model, and the chapter's own problems. */
export function checkSource(rel: string, source: string): FileResult {
  const chapter = readChapter(rel, source);
  const issues: Issue[] = chapter.problems.map((p) => ({ kind: p.kind, file: rel, line: p.line, message: p.message }));
  issues.push(...chapter.cells.flatMap(checkCell));
  if (chapter.cells.length === 0 && isBookChapter(rel)) {
    issues.push({ kind: 'no-cells', file: rel, line: 1, message: 'a chapter with no cell or claim: nothing in it is checked against the model; add a TraceCell, ExploreCell or Claim' });
  }
  issues.sort((a, b) => a.line - b.line);
  return { file: rel, cells: chapter.cells.length, issues };
}

export function verifyFile(root: string, file: string): FileResult {
  const { rel, source } = loadFile(root, file);
  return checkSource(rel, source);
}

/** Rewrite `file` with the model's outputs, keeping its line endings; returns whether anything changed. */
export function updateFile(root: string, file: string): boolean {
  const { path, rel, source } = loadFile(root, file);
  const lf = normalizeLineEndings(source);
  let next = updateSource(lf, readChapter(rel, lf).cells);
  // Then the glossary links, on the updated text (its offsets have moved).
  next = addGlossaryLinks(next, readChapter(rel, next).glossary);
  if (next === lf) return false;
  if (source.includes('\r\n')) next = next.replace(/\n/g, '\r\n');
  writeFileSync(path, next);
  return true;
}
