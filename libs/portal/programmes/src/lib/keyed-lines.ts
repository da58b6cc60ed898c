/** `projektfonds = Projektfonds` lines (budget lines, fields of action) ↔ `{ key, label }`. */
export interface KeyedLabel {
  readonly key: string;
  readonly label: string;
}

const KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The items, or the 1-based number of the first line that is not `key = label`. */
export function parseKeyedLines(text: string): { items: KeyedLabel[] } | { badLine: number } {
  const items: KeyedLabel[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const at = line.indexOf('=');
    const key = (at < 0 ? line : line.slice(0, at)).trim().toLowerCase();
    const label = (at < 0 ? line : line.slice(at + 1)).trim();
    if (!KEY.test(key) || label === '' || items.some((item) => item.key === key)) return { badLine: i + 1 };
    items.push({ key, label });
  }
  return { items };
}

export function keyedLines(items: readonly KeyedLabel[]): string {
  return items.map((item) => `${item.key} = ${item.label}`).join('\n');
}
