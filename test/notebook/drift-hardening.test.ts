/** The drift check cannot be fooled: cells by import, verdicts, numbers in prose, line endings, whitespace, empty chapters. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkCell, formatIssue } from '../../src/notebook/check.ts';
import { extractCells, readChapter } from '../../src/notebook/extract.ts';
import { checkSource } from '../../src/notebook/verify-files.ts';
import { nak } from '../nak.ts';

const CHAPTER = 'content/chapters/02-lifetimes.mdx';
const chapter = readFileSync(CHAPTER, 'utf8');
const fixture = (name: string) => readFileSync(`test/fixtures/content/${name}`, 'utf8');


describe('cells are found by what they import', () => {
  it('a renamed import is a cell and is checked; a cell or component with no import is named with its line', () => {
    const r = checkSource('renamed-import.mdx', fixture('renamed-import.mdx'));
    expect(r.cells).toBe(1);
    expect(r.issues.map((i) => [i.kind, i.line])).toEqual([
      ['stale-output', 9],
      ['unknown-component', 14],
      ['unknown-component', 16],
    ]);
    expect(r.issues[1]!.message).toContain("<ExploreCell> is used but nothing imports it (a ExploreCell needs: import ExploreCell from '…/src/components/ExploreCell.astro')");
    expect(r.issues[2]!.message).toContain('<Figure> is used but nothing imports it');
  });

  it('nak verify fails on it (exit 1)', async () => {
    const r = await nak('verify', 'test/fixtures/content/renamed-import.mdx');
    expect(r.code).toBe(1);
    expect(r.err).toContain('test/fixtures/content/renamed-import.mdx:14: unknown-component: <ExploreCell> is used but nothing imports it');
  });
});

describe('numbers in prose are checked too', () => {
  it('a bare number is flagged with file and line; years, versions, dates, chapters, man sections, names, code and NotModel are not', () => {
    const r = checkSource('numbers.mdx', fixture('numbers.mdx'));
    expect(r.issues.map((i) => [i.kind, i.line])).toEqual([['bare-number', 13]]);
    expect(r.issues[0]!.message).toBe(
      'the number 206 in prose is not checked against the model: if the model computes it, write it as a <Claim …/>; if it is a fact from elsewhere, wrap it: <NotModel>206</NotModel>',
    );
  });

  it('a number typed into a real chapter is caught', () => {
    const mutated = chapter.replace('The shortest way to the', 'After 206 states, the shortest way to the');
    const line = mutated.slice(0, mutated.indexOf('After 206 states')).split('\n').length;
    expect(checkSource(CHAPTER, mutated).issues).toEqual([expect.objectContaining({ kind: 'bare-number', line })]);
  });
});

describe('no false alarms, and visible whitespace', () => {
  it('a chapter saved with CRLF line endings reports nothing', () => {
    expect(checkSource(CHAPTER, chapter.replace(/\n/g, '\r\n')).issues).toEqual([]);
  });

  it('a difference only in whitespace shows the spaces', () => {
    const needle = 'umount_tree: mnt1.mnt_ns ns1→NULL';
    const issues = extractCells(CHAPTER, chapter.replace(needle, `${needle} `)).flatMap(checkCell);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain('only in whitespace (· is a space, → a tab)');
    expect(issues[0]!.expected!.endsWith('ns1→NULL·')).toBe(true);
    expect(issues[0]!.actual!.endsWith('ns1→NULL')).toBe(true);
  });
});

describe('every chapter has a cell', () => {
  it('a book chapter with no cell fails; another page with none just says so', async () => {
    const text = '---\ntitle: empty\n---\n\nNothing here is checked.\n';
    expect(checkSource('content/chapters/99-empty.mdx', text).issues).toEqual([expect.objectContaining({ kind: 'no-cells', line: 1 })]);
    expect(checkSource('content/index.mdx', text).issues).toEqual([]);
    const r = await nak('verify', 'content/index.mdx');
    expect(r.out).toContain('✓ content/index.mdx (no cells or claims: nothing checked)');
  });
});

describe('for other projects\' CI', () => {
  it('--json prints every issue as data', async () => {
    const r = await nak('verify', '--json', 'test/fixtures/content/renamed-import.mdx');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.problems).toBe(3);
    expect(j.files[0].issues[0]).toMatchObject({ file: 'test/fixtures/content/renamed-import.mdx', line: 9, kind: 'stale-output', expected: 'not what the model prints' });
    expect(j.files[0].issues[0].actual).toMatch(/^# scenario baseline-umount/);
  });

  it('in GitHub Actions each issue is also an ::error annotation on its line', async () => {
    const before = process.env.GITHUB_ACTIONS;
    process.env.GITHUB_ACTIONS = 'true';
    try {
      const r = await nak('verify', 'test/fixtures/content/renamed-import.mdx');
      expect(r.out).toContain('::error file=test/fixtures/content/renamed-import.mdx,line=14,title=nak verify%3A unknown-component::<ExploreCell> is used');
      expect(r.out).toMatch(/::error file=test\/fixtures\/content\/renamed-import\.mdx,line=9,title=nak verify%3A stale-output::.*%0A  expected: not what the model prints%0A  actual:   # scenario baseline-umount/);
    } finally {
      if (before === undefined) delete process.env.GITHUB_ACTIONS;
      else process.env.GITHUB_ACTIONS = before;
    }
  });
});

describe('a verdict mismatch is never published', () => {
  afterEach(() => {
    vi.doUnmock('../../src/scenario/catalogue.ts');
    vi.resetModules();
  });

  async function withWrongVerdict() {
    vi.resetModules();
    const { default: wrong } = await import('../fixtures/scenarios/wrong-verdict.ts');
    vi.doMock('../../src/scenario/catalogue.ts', async (orig) => {
      const real = (await orig()) as typeof import('../../src/scenario/catalogue.ts');
      return { ...real, scenarioById: (id: string) => (id === 'wrong-verdict' ? wrong : real.scenarioById(id)) };
    });
    const check = await import('../../src/notebook/check.ts');
    const extract = await import('../../src/notebook/extract.ts');
    const evaluate = await import('../../src/notebook/evaluate.ts');
    return { ...check, ...extract, exploreOutput: evaluate.exploreOutput, wrong };
  }

  it('verify --update refuses to write it, naming the scenario and property', async () => {
    const m = await withWrongVerdict();
    const source = "import ExploreCell from '../src/components/ExploreCell.astro';\n\n<ExploreCell scenario=\"wrong-verdict\" />\n";
    expect(() => m.updateSource(source, m.extractCells('x.mdx', source))).toThrow(
      "x.mdx:3: refusing to write <ExploreCell> for scenario wrong-verdict: its declared verdicts differ from the model (oops: declared never, found sometimes)",
    );
  });

  it('and a chapter that shows it anyway fails verify', async () => {
    const m = await withWrongVerdict();
    const output = m.exploreOutput(m.wrong);
    expect(output).toContain('VERDICTS DIFFER');
    const source = `import ExploreCell from '../src/components/ExploreCell.astro';\n\n<ExploreCell scenario="wrong-verdict" output={\`\n${output}\n\`} />\n`;
    const issues = m.extractCells('x.mdx', source).flatMap(m.checkCell);
    expect(issues.map(formatIssue)).toEqual([
      'x.mdx:3: verdict-mismatch: <ExploreCell>: scenario wrong-verdict: declared verdicts differ from the model (oops: declared never, found sometimes): fix the declared expect, or the model, before a chapter shows it',
    ]);
  });
});

it('readChapter keeps cell offsets in the LF text it checks', () => {
  const crlf = chapter.replace(/\n/g, '\r\n');
  const a = readChapter(CHAPTER, chapter).cells.map((c) => [c.line, c.start]);
  const b = readChapter(CHAPTER, crlf).cells.map((c) => [c.line, c.start]);
  expect(b).toEqual(a);
});
