/** `nak verify [--update] [file...]`: check the chapters' cells and claims against the model. */
import { NakError } from '../errors.ts';
import { formatIssue } from '../notebook/check.ts';
import { chapterFiles, updateFile, verifyFile } from '../notebook/verify-files.ts';
import type { Io } from './main.ts';

export async function verifyCommand(files: string[], update: boolean, io: Io): Promise<number> {
  const root = process.cwd();
  const targets = files.length ? files : chapterFiles(root);
  if (update) {
    if (process.env.CI) throw new NakError('bad-usage', 'verify --update rewrites chapters and never runs in CI (CI is set)');
    for (const f of targets) if (updateFile(root, f)) io.out(`updated ${f}\n`);
  }
  let failed = 0;
  for (const f of targets) {
    const r = verifyFile(root, f);
    io.out(`${r.issues.length ? '✗' : '✓'} ${r.file} (${r.cells} cells and claims)\n`);
    for (const issue of r.issues) {
      io.err(formatIssue(issue) + '\n');
      if (process.env.GITHUB_ACTIONS) io.out(`::error file=${issue.file},line=${issue.line}::${issue.message}\n`);
    }
    failed += r.issues.length;
  }
  if (failed) io.err(`${failed} problem${failed > 1 ? 's' : ''}: the chapters disagree with the model\n`);
  return failed ? 1 : 0;
}
