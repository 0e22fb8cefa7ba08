import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCell, formatIssue, updateSource, type Issue } from '../../src/notebook/check.ts';
import { extractCells } from '../../src/notebook/extract.ts';
import { chapterFiles, verifyFile } from '../../src/notebook/verify-files.ts';

const CHAPTER = 'content/chapters/02-lifetimes.mdx';
const chapter = readFileSync(CHAPTER, 'utf8');

function check(file: string, source: string): Issue[] {
  return extractCells(file, source).flatMap(checkCell);
}

function lineOf(source: string, needle: string): number {
  const i = source.indexOf(needle);
  expect(i, needle).toBeGreaterThanOrEqual(0);
  return source.slice(0, i).split('\n').length;
}

describe('the chapters agree with the model', () => {
  for (const file of chapterFiles('.')) {
    it(`${file}: every cell and claim states what the model shows`, () => {
      const r = verifyFile('.', file);
      expect(r.issues.map(formatIssue)).toEqual([]);
    });
  }

  it('the chapters have cells to check', () => {
    expect(verifyFile('.', CHAPTER).cells).toBeGreaterThanOrEqual(8);
  });
});

describe('the drift check fails on each kind of disagreement, with its own message', () => {
  it('tutorial: one changed character in a trace output fails at that line, with expected and actual', () => {
    const needle = 'umount_tree: mnt1.mnt_ns ns1→NULL';
    const line = lineOf(chapter, needle);
    const mutated = chapter.replace(needle, 'umount_tree: mnt1.mnt_ns ns2→NULL');
    const issues = check(CHAPTER, mutated);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'stale-output', file: CHAPTER, line });
    expect(issues[0]!.expected).toContain('ns2→NULL');
    expect(issues[0]!.actual).toContain('ns1→NULL');
    expect(formatIssue(issues[0]!)).toContain(`${CHAPTER}:${line}: stale-output:`);
    expect(formatIssue(issues[0]!)).toContain('npm run nak -- verify --update');
  });

  it('a changed claim fails at the claim', () => {
    const m = /<Claim scenario="kthread-lazy-umount" value="oops.witnessSteps" is="(\d+)" \/>/.exec(chapter)!;
    const line = lineOf(chapter, m[0]);
    const issues = check(CHAPTER, chapter.replace(m[0], m[0].replace(`is="${m[1]}"`, `is="${Number(m[1]) + 1}"`)));
    expect(issues).toEqual([expect.objectContaining({ kind: 'stale-claim', line, expected: String(Number(m[1]) + 1), actual: m[1] })]);
    expect(issues[0]!.message).toContain('<Claim value="oops.witnessSteps">');
  });

  it('a removed expectation fails as missing, for a cell and for a claim', () => {
    const issues = check('missing-expectation.mdx', readFileSync('test/fixtures/content/missing-expectation.mdx', 'utf8'));
    expect(issues.map((i) => [i.kind, i.line])).toEqual([
      ['missing-expectation', 9],
      ['missing-expectation', 11],
    ]);
    expect(issues[0]!.message).toContain('<ExploreCell> has no output={`…`}');
    expect(issues[1]!.message).toContain('<Claim> has no is="…"');
  });

  it('a cell naming a scenario that does not exist lists the known ones', () => {
    const issues = check('unknown-scenario.mdx', readFileSync('test/fixtures/content/unknown-scenario.mdx', 'utf8'));
    expect(issues).toEqual([expect.objectContaining({ kind: 'unknown-scenario', line: 8 })]);
    expect(issues[0]!.message).toContain("unknown scenario 'just-pats'; known: baseline-umount");
  });

  it('malformed cells say what is wrong with each', () => {
    const issues = check('malformed-cell.mdx', readFileSync('test/fixtures/content/malformed-cell.mdx', 'utf8'));
    expect(issues.map((i) => [i.kind, i.line])).toEqual([
      ['malformed-cell', 9],
      ['malformed-cell', 15],
      ['malformed-cell', 16],
      ['malformed-cell', 20],
      ['malformed-cell', 24],
    ]);
    expect(issues[0]!.message).toContain('give exactly one of pinned="…", schedule="…" or seed="…" (got pinned, schedule)');
    expect(issues[1]!.message).toContain("unknown value 'oops.colour' for an exploration; known: states,");
    expect(issues[2]!.message).toContain("unknown attribute 'colour'");
    expect(issues[3]!.message).toContain('must be a plain template literal');
    expect(issues[4]!.message).toContain('<Claim>: a claim alone on its line becomes a paragraph of its own');
  });

  it('a schedule the model cannot run names the step', () => {
    const issues = check('bad-schedule.mdx', readFileSync('test/fixtures/content/bad-schedule.mdx', 'utf8'));
    expect(issues).toEqual([expect.objectContaining({ kind: 'bad-schedule', line: 8 })]);
    expect(issues[0]!.message).toContain("step 2: 'kworker:mntput' cannot run now");
  });

  it('a cell inside a code sample is not a cell', () => {
    expect(extractCells('x.mdx', readFileSync('test/fixtures/content/in-code-sample.mdx', 'utf8'))).toEqual([]);
  });
});

describe('nak verify --update', () => {
  it('writes the model output into cells and claims that lack it, and the result then passes', () => {
    const source = readFileSync('test/fixtures/content/missing-expectation.mdx', 'utf8');
    const updated = updateSource(source, extractCells('m.mdx', source));
    expect(updated).toContain('<ExploreCell scenario="baseline-umount"\n  output={`\nbaseline-umount (v4.13)');
    expect(updated).toMatch(/<Claim scenario="baseline-umount" value="states" is="\d+" \/>/);
    expect(check('m.mdx', updated)).toEqual([]);
  });

  it('replaces a stale output and leaves everything else as it was', () => {
    const mutated = chapter.replace('umount_tree: mnt1.mnt_ns ns1→NULL', 'umount_tree: mnt1.mnt_ns ns2→NULL');
    expect(updateSource(mutated, extractCells(CHAPTER, mutated))).toBe(chapter);
  });
});
