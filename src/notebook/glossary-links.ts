/**
 * The glossary rule of the drift check: in every chapter, the first use of each
 * glossary term (the first inline code `s_active`, or the first plain use of a
 * word such as "jiffy", outside headings, links, code and components) must be a
 * link to its definition on the reference page. `nak verify --update` writes the
 * missing links into the chapter; the links are in the MDX for review, relative
 * so that they hold under any base path.
 */
import { GLOSSARY, type Term } from '../reference/glossary.ts';

/** The reference chapter, where the glossary lives. */
export const REFERENCE = '12-reference';

/** A chapter of the book (content/chapters/…), which must check something and link its terms. */
export function isBookChapter(file: string): boolean {
  return /(^|\/)content\/chapters\/[^/]+\.mdx$/.test(file.split('\\').join('/'));
}

export function glossaryHref(t: Term): string {
  return `../${REFERENCE}/#g-${t.id}`;
}

interface Node {
  type: string;
  value?: string;
  url?: string;
  children?: Node[];
  position?: { start: { line: number; offset?: number }; end: { offset?: number } };
}

/** A term whose first use in the chapter is not linked: where it is, and the text that should replace it. */
export interface MissingLink {
  readonly term: Term;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

const SKIP = new Set(['heading', 'code', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxjsEsm', 'yaml', 'definition', 'mdxFlowExpression', 'mdxTextExpression']);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Each term's first use in document order, and whether it is linked to the glossary. */
export function missingGlossaryLinks(tree: Node, source: string): MissingLink[] {
  const pending = new Map(GLOSSARY.map((t) => [t.id, t]));
  const missing: MissingLink[] = [];
  const visit = (node: Node, link: string | null): void => {
    for (const child of node.children ?? []) {
      if (pending.size === 0) return;
      if (SKIP.has(child.type)) continue;
      if (child.type === 'link') {
        visit(child, child.url ?? '');
        continue;
      }
      if (child.type === 'inlineCode') {
        const t = [...pending.values()].find((x) => x.as === 'code' && x.term === child.value);
        if (!t) continue;
        pending.delete(t.id);
        if (link !== glossaryHref(t)) {
          const start = child.position!.start.offset!;
          const end = child.position!.end.offset!;
          if (link === null) missing.push({ term: t, line: child.position!.start.line, start, end, replacement: `[${source.slice(start, end)}](${glossaryHref(t)})` });
        }
        continue;
      }
      if (child.type === 'text' && child.value) {
        const found = [...pending.values()]
          .filter((t) => t.as === 'word')
          .map((t) => ({ t, m: new RegExp(`(?<![\\w-])${escapeRegExp(t.term)}(?![\\w-])`).exec(child.value!) }))
          .filter((x) => x.m)
          .sort((a, b) => a.m!.index - b.m!.index);
        for (const { t, m } of found) {
          pending.delete(t.id);
          if (link === glossaryHref(t) || link !== null) continue;
          const base = child.position!.start.offset!;
          // Only where the text node's characters are the source's own (no escapes before the term).
          if (source.slice(base + m!.index, base + m!.index + m![0].length) !== m![0]) continue;
          const start = base + m!.index;
          const end = start + m![0].length;
          const line = child.position!.start.line + (child.value!.slice(0, m!.index).match(/\n/g)?.length ?? 0);
          missing.push({ term: t, line, start, end, replacement: `[${m![0]}](${glossaryHref(t)})` });
        }
        continue;
      }
      visit(child, link);
    }
  };
  visit(tree, null);
  return missing;
}

/** The chapter with every missing glossary link written in. */
export function addGlossaryLinks(source: string, missing: readonly MissingLink[]): string {
  let out = source;
  for (const m of [...missing].sort((a, b) => b.start - a.start)) out = out.slice(0, m.start) + m.replacement + out.slice(m.end);
  return out;
}
