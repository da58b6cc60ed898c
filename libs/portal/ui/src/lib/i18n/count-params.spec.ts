import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// Counts (responses, areas, actors, rows imported, measures …) are read in the reader's locale:
// 1.234 in German, 1,234 in English. A count put into a text or a template as it is reads 1234
// in both; it goes through the formatter (`formatNumber`, a feature's `texts.count`) first.
// Codes, years, ids, periods and versions are no counts and keep their digits as they are.
const LIBS = fileURLToPath(new URL('../../../../', import.meta.url));

/** Placeholders that stand for a count wherever the dictionaries use them. */
const COUNT_PLACEHOLDERS = new Set([
  'actors',
  'added',
  'after',
  'before',
  'changed',
  'count',
  'created',
  'edges',
  'from',
  'items',
  'k',
  'max',
  'merged',
  'n',
  'nodes',
  'processed',
  'removed',
  'rows',
  'selfTies',
  'shown',
  'ties',
  'tiesUpdated',
  'to',
  'total',
  'unchanged',
  'updated',
  'valid',
  'values',
]);

/** A call with arguments returns what the callee makes of them (a formatted number, a title, a list). */
const CALL_WITH_ARGUMENTS = /[\w\]]\(\s*[^)\s]/;

/** A value already formatted, a text, a call that words it, or a position (`i + 1`), not a raw count. */
function isRaw(value: string): boolean {
  if (/^(?:[\w.]+\.)?(?:count|formatNumber|number)\(/.test(value)) return false;
  // A written-out small number (`count: 1`) reads the same in every locale.
  if (/^['`"]/.test(value) || /^\d{1,3}$/.test(value) || /^\w+ \+ 1$/.test(value)) return false;
  return !CALL_WITH_ARGUMENTS.test(value);
}

/** The entries of an object literal `{ … }` at the top level, as [key, value]; spreads are left out. */
function entries(object: string): [string, string][] {
  const inner = object.slice(1, -1);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts.flatMap((part) => {
    const match = /^\s*(\w+)\s*(?::\s*([\s\S]*?))?\s*$/.exec(part);
    if (!match) return [];
    const [, key = '', value] = match;
    return [[key, (value ?? key).replace(/\s+/g, ' ')]];
  });
}

/** The count placeholders a text lookup (`t('key', { … })`, `tk(…)`) fills with a raw value. */
export function rawCountParams(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\bt\(\s*(?:'[^']*'|[\w.[\]]+)\s*,\s*\{/g)) {
    const open = (match.index ?? 0) + match[0].length - 1;
    let depth = 0;
    let close = open;
    for (; close < source.length; close++) {
      if (source[close] === '{') depth++;
      else if (source[close] === '}' && --depth === 0) break;
    }
    for (const [key, value] of entries(source.slice(open, close + 1)))
      if (COUNT_PLACEHOLDERS.has(key) && isRaw(value)) found.push(`${key}: ${value}`);
  }
  return found;
}

/** Interpolations that show a length or a count as it is (`{{ items.length }}`, `{{ s.areaCount }}`). */
export function rawCountInterpolations(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.?()[\]']+)\s*\}\}/g)]
    .map(([, expression = '']) => expression)
    .filter((expression) => /length|count/i.test(expression) && !CALL_WITH_ARGUMENTS.test(expression));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'generated'].includes(entry.name) ? [] : sources(path);
    return /\.(html|ts)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The templates of a file: an .html file whole, a component's inline `template:` strings. */
function templates(path: string, text: string): string[] {
  if (path.endsWith('.html')) return [text];
  return [...text.matchAll(/template:\s*`([\s\S]*?)`/g)].map((match) => match[1] ?? '');
}

describe('rawCountParams', () => {
  it('finds a count given to a text as it is, not a formatted one, a position or a worded value', () => {
    const source = `
      {{ t('import.errors', { count: current.errors.length }) }}
      {{ t('roles.page', { from: p.from, to: formatNumber(p.to), total: texts.count(p.total) }) }}
      this.t('accepted', { count: this.texts.count(result.areas.length), year: row.year })
      {{ t('removeRow', { n: i + 1 }) }} {{ t('removeEdge', { from: titleOf(e.from), to: titleOf(e.to) }) }}
      {{ t('alternative', { n }) }} {{ t('badYear', { year: 2025, ...BUDGET_YEARS }) }} {{ t('invalid', { count: 1 }) }}`;
    assert.deepEqual(rawCountParams(source), ['count: current.errors.length', 'from: p.from', 'n: n']);
  });
});

describe('rawCountInterpolations', () => {
  it('finds a length or a count shown as it is', () => {
    const template = `<td>{{ s.areaCount }}</td><td>{{ texts.count(s.valueCount) }}</td>
      <span>{{ column.items.length }}</span><span>{{ row.year }}</span><b>{{ counts()[role] }}</b>`;
    assert.deepEqual(rawCountInterpolations(template), [
      's.areaCount',
      'column.items.length',
      'counts()[role]',
    ]);
  });
});

describe('portal texts and templates', () => {
  it('format every count they show in the reader’s locale', () => {
    const found = sources(LIBS).flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      return [
        ...rawCountParams(text),
        ...templates(path, text).flatMap((template) => rawCountInterpolations(template)),
      ].map((hit) => `${relative(LIBS, path)}: ${hit}`);
    });
    assert.deepEqual(found, []);
  });
});
