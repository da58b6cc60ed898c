import { NAME_MAX_LENGTH, PROGRAMME_KEY_PATTERN } from '@quartier/contracts/browser';

/** `projektfonds = Projektfonds` lines (budget lines, fields of action) ↔ `{ key, label }`. */
export interface KeyedLabel {
  readonly key: string;
  readonly label: string;
}

/**
 * The items, or the 1-based number of the first line that is not `key = label` as the programme
 * service takes it: a key of its pattern (lowercase here, whatever was typed), a label of 1 to
 * `NAME_MAX_LENGTH` characters, each key once.
 */
export function parseKeyedLines(text: string): { items: KeyedLabel[] } | { badLine: number } {
  const items: KeyedLabel[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const at = line.indexOf('=');
    const key = (at < 0 ? line : line.slice(0, at)).trim().toLowerCase();
    const label = (at < 0 ? line : line.slice(at + 1)).trim();
    if (
      !PROGRAMME_KEY_PATTERN.test(key) ||
      label === '' ||
      label.length > NAME_MAX_LENGTH ||
      items.some((item) => item.key === key)
    )
      return { badLine: i + 1 };
    items.push({ key, label });
  }
  return { items };
}

export function keyedLines(items: readonly KeyedLabel[]): string {
  return items.map((item) => `${item.key} = ${item.label}`).join('\n');
}
