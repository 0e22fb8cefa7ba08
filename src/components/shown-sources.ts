/**
 * Which scenarios' sources a page has already shown, so that a page with
 * several cells of one scenario carries its (highlighted, heavy) source once
 * and the later cells point to it. Keyed by the page's request, so that every
 * render of a page, in the build or the dev server, starts afresh.
 */
const shown = new WeakMap<Request, Set<string>>();

/** True the first time a page asks for `scenario`'s source; false after that. */
export function firstShowing(request: Request, scenario: string): boolean {
  let set = shown.get(request);
  if (!set) shown.set(request, (set = new Set()));
  if (set.has(scenario)) return false;
  set.add(scenario);
  return true;
}

/** The id of the element that holds a scenario's source on a page. */
export function sourceAnchor(scenario: string): string {
  return `source-${scenario}`;
}
