/**
 * Finds the notebook cells and claims in an MDX chapter, with the line each
 * starts on and the expectation written in it: `output={`…`}` on a cell,
 * `is="…"` on a claim. Parsing (not pattern matching) so that a cell inside
 * a code sample is not mistaken for a real one. A cell is found by what its
 * name was imported from (`import Trace from '…/TraceCell.astro'` makes
 * `<Trace>` a trace cell), never by its local name alone.
 */
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { isBookChapter, missingGlossaryLinks, REFERENCE, type MissingLink } from './glossary-links.ts';

export const CELL_COMPONENTS = ['TraceCell', 'ExploreCell', 'MapCell', 'StateCell', 'Claim'] as const;
export type CellComponent = (typeof CELL_COMPONENTS)[number];

/** The component that marks a number in prose as a fact from outside the model. */
export const NOT_MODEL = 'NotModel';

export interface CellRef {
  readonly file: string;
  readonly component: CellComponent;
  /** 1-based line of the component's `<`. */
  readonly line: number;
  /** Source offsets of the whole element, for rewriting it. */
  readonly start: number;
  readonly end: number;
  /** String attributes; an expression attribute other than `output` is reported as a problem. */
  readonly attrs: Readonly<Record<string, string>>;
  /** The written expectation, or null when there is none. */
  readonly expected: string | null;
  /** 1-based line where the expectation's text starts (its first line). */
  readonly expectedLine: number;
  /** Problems with how the element is written. */
  readonly problems: readonly string[];
  /** Written alone on its lines, so MDX makes it a block of its own rather than part of a sentence. */
  readonly block: boolean;
}

/** Something wrong with the chapter itself rather than with one cell. */
export interface ChapterProblem {
  readonly kind: 'unknown-component' | 'bare-number' | 'glossary-link';
  readonly line: number;
  readonly message: string;
}

export interface Chapter {
  readonly file: string;
  readonly cells: readonly CellRef[];
  readonly problems: readonly ChapterProblem[];
  /** First uses of glossary terms that do not link to the glossary (book chapters only). */
  readonly glossary: readonly MissingLink[];
}

interface JsxAttr {
  type: string;
  name?: string;
  value?: string | null | { type: string; value: string };
}

interface EsTreeImport {
  type: string;
  source?: { value?: unknown };
  specifiers?: Array<{ type: string; local: { name: string } }>;
}

interface MdxNode {
  type: string;
  name?: string | null;
  value?: string;
  attributes?: JsxAttr[];
  children?: MdxNode[];
  data?: { estree?: { body?: EsTreeImport[] } };
  position?: { start: { line: number; offset?: number }; end: { offset?: number } };
}

/** A written output as it is compared: without the newline after the opening backtick or trailing space. */
export function normalizeOutput(text: string): string {
  return text.replace(/^\n/, '').replace(/\s+$/, '');
}

/** Line endings as the checks see them: CRLF and CR become LF, so a chapter saved on Windows gives no false alarm. */
export function normalizeLineEndings(source: string): string {
  return source.replace(/\r\n?/g, '\n');
}

/** The text of an `output={`…`}` template literal. */
function templateText(expr: string): string | null {
  const m = /^\s*`([\s\S]*)`\s*$/.exec(expr);
  if (!m || m[1]!.includes('${') || m[1]!.includes('`')) return null;
  return normalizeOutput(m[1]!);
}

function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** What each imported name stands for: the file name of its source without the extension ('TraceCell'). */
function importedNames(tree: MdxNode): Map<string, string> {
  const names = new Map<string, string>();
  for (const node of tree.children ?? []) {
    if (node.type !== 'mdxjsEsm') continue;
    for (const decl of node.data?.estree?.body ?? []) {
      if (decl.type !== 'ImportDeclaration' || typeof decl.source?.value !== 'string') continue;
      const base = decl.source.value.split('/').pop()!.replace(/\.(astro|tsx?|jsx?|mdx)$/, '');
      for (const spec of decl.specifiers ?? []) {
        names.set(spec.local.name, spec.type === 'ImportDefaultSpecifier' ? base : `${base}:${spec.local.name}`);
      }
    }
  }
  return names;
}

export function parseMdx(source: string): MdxNode {
  return unified().use(remarkParse).use(remarkFrontmatter).use(remarkMdx).parse(source) as unknown as MdxNode;
}

function cellOf(file: string, source: string, node: MdxNode, component: CellComponent): CellRef {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  const attrs: Record<string, string> = {};
  const problems: string[] = [];
  let expected: string | null = null;
  const expectName = component === 'Claim' ? 'is' : 'output';
  for (const a of node.attributes ?? []) {
    if (a.type !== 'mdxJsxAttribute' || !a.name) {
      problems.push('spread attributes are not allowed on a cell');
      continue;
    }
    if (typeof a.value === 'string') attrs[a.name] = a.value;
    else if (a.value === null || a.value === undefined) problems.push(`attribute ${a.name} has no value`);
    else if (a.name === 'output' && expectName === 'output') {
      // Read the literal from the source itself: the MDX parser strips indentation inside expressions.
      const raw = /output=\{(`[\s\S]*?`)\}/.exec(source.slice(start, end));
      expected = raw ? templateText(raw[1]!) : null;
      if (expected === null) problems.push('output={…} must be a plain template literal: `…` without ${ or backticks inside');
    } else problems.push(`attribute ${a.name}={…} must be a plain string`);
  }
  if (expectName === 'is' && attrs.is !== undefined) expected = attrs.is;
  const raw = source.slice(start, end);
  const marker = expectName === 'output' ? raw.indexOf('output={`') : raw.indexOf('is="');
  let expectedLine = lineAt(source, start);
  if (marker >= 0) {
    expectedLine = lineAt(source, start + marker);
    if (expectName === 'output' && raw.slice(marker + 9).startsWith('\n')) expectedLine += 1;
  }
  const block = node.type === 'mdxJsxFlowElement';
  return { file, component, line: lineAt(source, start), start, end, attrs, expected, expectedLine, problems, block };
}

/**
 * Numbers in prose that nothing checks. Allowed without a marker: a year, a
 * kernel version (v4.13, 4.14, 6.x), a day of a month, a chapter number, a
 * man-page section (umount(2)); digits inside a name (mnt1, arm64) are not numbers.
 */
const NUMBER = /(?<![\w.\-])\d+(?:[.,]\d+)*(?![\w])/g;
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const ALLOWED_AROUND: ReadonlyArray<(before: string, num: string, after: string) => boolean> = [
  (_b, n) => /^(19|20)\d\d$/.test(n),
  (b, n, a) => /v$/.test(b) || /^[2-7]\.\d{1,2}(\.\d+)?$/.test(n) || (/^[2-7]$/.test(n) && /^\.x\b/.test(a)),
  (b, n, a) => /^\d{1,2}$/.test(n) && (new RegExp(`^\\s+${MONTH}\\b`).test(a) || new RegExp(`\\b${MONTH}\\s+$`).test(b)),
  (b) => /\b[Cc]hapters?\s+$/.test(b) || /\b[Cc]hapters?\s+\d+(?:\s*(?:to|and|-|–|,)\s*\d+)*\s*(?:to|and|-|–|,)\s*$/.test(b),
  (b, n, a) => /[A-Za-z_]\($/.test(b) && /^\d$/.test(n) && a.startsWith(')'),
];

function bareNumbers(text: string, line: number): Array<{ num: string; line: number }> {
  const out: Array<{ num: string; line: number }> = [];
  for (const m of text.matchAll(NUMBER)) {
    const before = text.slice(0, m.index);
    const after = text.slice(m.index + m[0].length);
    if (ALLOWED_AROUND.some((ok) => ok(before, m[0], after))) continue;
    out.push({ num: m[0], line: line + (before.match(/\n/g)?.length ?? 0) });
  }
  return out;
}

export function readChapter(file: string, rawSource: string): Chapter {
  const source = normalizeLineEndings(rawSource);
  const tree = parseMdx(source);
  const imports = importedNames(tree);
  const cells: CellRef[] = [];
  const problems: ChapterProblem[] = [];
  const visit = (node: MdxNode, inNotModel: boolean): void => {
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const name = node.name ?? '';
      const line = node.position!.start.line;
      const component = imports.get(name.split('.')[0]!);
      if ((CELL_COMPONENTS as readonly string[]).includes(component ?? '')) {
        cells.push(cellOf(file, source, node, component as CellComponent));
        return;
      }
      if (/^[A-Z]/.test(name) && component === undefined) {
        const cell = (CELL_COMPONENTS as readonly string[]).includes(name) ? ` (a ${name} needs: import ${name} from '…/src/components/${name}.astro')` : '';
        problems.push({ kind: 'unknown-component', line, message: `<${name}> is used but nothing imports it${cell}: MDX would fail to render it` });
      }
      for (const c of node.children ?? []) visit(c, inNotModel || component === NOT_MODEL);
      return;
    }
    if (node.type === 'text' && !inNotModel && node.value) {
      for (const n of bareNumbers(node.value, node.position!.start.line)) {
        problems.push({
          kind: 'bare-number',
          line: n.line,
          message: `the number ${n.num} in prose is not checked against the model: if the model computes it, write it as a <Claim …/>; if it is a fact from elsewhere, wrap it: <NotModel>${n.num}</NotModel>`,
        });
      }
    }
    for (const c of node.children ?? []) visit(c, inNotModel);
  };
  visit(tree, false);
  const inBook = isBookChapter(file) && !file.split('\\').join('/').endsWith(`/${REFERENCE}.mdx`);
  const glossary = inBook ? missingGlossaryLinks(tree as never, source) : [];
  for (const g of glossary) {
    problems.push({ kind: 'glossary-link', line: g.line, message: `the first use of ${g.term.as === 'code' ? `\`${g.term.term}\`` : `"${g.term.term}"`} in this chapter should link to the glossary: ${g.replacement}; npm run nak -- verify --update writes it` });
  }
  return { file, cells, problems, glossary };
}

export function extractCells(file: string, source: string): CellRef[] {
  return [...readChapter(file, source).cells];
}
