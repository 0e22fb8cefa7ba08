/**
 * Finds the notebook cells and claims in an MDX chapter, with the line each
 * starts on and the expectation written in it: `output={`…`}` on a cell,
 * `is="…"` on a claim. Parsing (not pattern matching) so that a cell inside
 * a code sample is not mistaken for a real one.
 */
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export const CELL_COMPONENTS = ['TraceCell', 'ExploreCell', 'Claim'] as const;
export type CellComponent = (typeof CELL_COMPONENTS)[number];

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

interface JsxAttr {
  type: string;
  name?: string;
  value?: string | null | { type: string; value: string };
}

interface MdxNode {
  type: string;
  name?: string | null;
  attributes?: JsxAttr[];
  children?: MdxNode[];
  position?: { start: { line: number; offset?: number }; end: { offset?: number } };
}

/** A written output as it is compared: without the newline after the opening backtick or trailing space. */
export function normalizeOutput(text: string): string {
  return text.replace(/^\n/, '').replace(/\s+$/, '');
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

export function extractCells(file: string, source: string): CellRef[] {
  const tree = unified().use(remarkParse).use(remarkFrontmatter).use(remarkMdx).parse(source) as unknown as MdxNode;
  const cells: CellRef[] = [];
  const visit = (node: MdxNode) => {
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && CELL_COMPONENTS.includes(node.name as CellComponent)) {
      const start = node.position!.start.offset!;
      const end = node.position!.end.offset!;
      const attrs: Record<string, string> = {};
      const problems: string[] = [];
      let expected: string | null = null;
      const expectName = node.name === 'Claim' ? 'is' : 'output';
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
      cells.push({ file, component: node.name as CellComponent, line: lineAt(source, start), start, end, attrs, expected, expectedLine, problems, block });
    }
    for (const c of node.children ?? []) visit(c);
  };
  visit(tree);
  return cells;
}
