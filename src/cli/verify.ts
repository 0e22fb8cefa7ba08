/** `nak verify [--update] [--json] [file...]`: check the chapters' cells and claims against the model. */
import { NakError } from '../errors.ts';
import { formatIssue, type Issue } from '../notebook/check.ts';
import { chapterFiles, updateFile, verifyFile, type FileResult } from '../notebook/verify-files.ts';
import type { Io } from './main.ts';

/** GitHub Actions workflow-command escaping: data escapes %, CR, LF; properties also : and ,. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One issue as an `::error` annotation, so that a pull request shows it on the chapter's line. */
export function githubAnnotation(issue: Issue): string {
  const body = formatIssue(issue).split('\n').slice(1).join('\n');
  const message = body ? `${issue.message}\n${body}` : issue.message;
  return `::error file=${escapeProperty(issue.file)},line=${issue.line},title=${escapeProperty(`nak verify: ${issue.kind}`)}::${escapeData(message)}`;
}

export interface VerifyOptions {
  readonly update: boolean;
  readonly json: boolean;
}

export async function verifyCommand(files: string[], opts: VerifyOptions, io: Io): Promise<number> {
  const root = process.cwd();
  const targets = files.length ? files : chapterFiles(root);
  if (opts.update) {
    if (process.env.CI) throw new NakError('bad-usage', 'verify --update rewrites chapters and never runs in CI (CI is set)');
    for (const f of targets) if (updateFile(root, f)) io.err(`updated ${f}\n`);
  }
  const results: FileResult[] = targets.map((f) => verifyFile(root, f));
  const issues = results.flatMap((r) => r.issues);
  if (opts.json) {
    io.out(JSON.stringify({ files: results.map((r) => ({ file: r.file, cells: r.cells, issues: r.issues })), problems: issues.length }) + '\n');
  } else {
    for (const r of results) {
      io.out(`${r.issues.length ? "✗" : "✓"} ${r.file} (${r.cells ? `${r.cells} cells and claims` : "no cells or claims: nothing checked"})\n`);
      for (const issue of r.issues) io.err(formatIssue(issue) + '\n');
    }
  }
  if (process.env.GITHUB_ACTIONS === 'true') for (const issue of issues) io.out(githubAnnotation(issue) + '\n');
  if (issues.length && !opts.json) io.err(`${issues.length} problem${issues.length > 1 ? 's' : ''}: the chapters disagree with the model\n`);
  return issues.length ? 1 : 0;
}
