/** The scenario modules' source text, bundled by Vite, so that a cell can show the code it ran. */
const sources = import.meta.glob('../../scenarios/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function scenarioSource(id: string): string {
  const text = sources[`../../scenarios/${id}.ts`];
  if (text === undefined) throw new Error(`no source for scenario ${id}`);
  return text;
}
