/** Shiki highlighting at build time, with light and dark themes switched by CSS. */
import { createHighlighter, type Highlighter } from 'shiki';

let highlighter: Promise<Highlighter> | null = null;

export async function highlight(code: string, lang: 'ts' | 'sh'): Promise<string> {
  highlighter ??= createHighlighter({ themes: ['github-light', 'github-dark'], langs: ['ts', 'sh'] });
  const h = await highlighter;
  return h.codeToHtml(code, { lang, themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: 'light' });
}
