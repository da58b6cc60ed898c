import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// A written-out aria-label="…" or title="…" in a template is read out or shown in German to an
// English reader too: such texts belong in the feature's dictionaries, bound as [attr]="t(…)".
// So do the names of downloaded files, which people keep and read.
const LIBS = fileURLToPath(new URL('../../../../', import.meta.url));
const ATTRIBUTES = [
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'alt',
  'placeholder',
  'label',
  'fileName',
];
/** Placeholders that show the syntax to type, the same in every language. */
const CODE_EXAMPLES = new Set([
  'geo=area,time=period,indic_na=indicator,unit=EUR_HAB',
  "${wohnform} = 'miete'",
  '. >= 0 and . <= 120',
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.(html|ts)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The templates of a file: an .html file whole, a component's inline `template:` strings. */
function templates(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.html')) return [text];
  return [...text.matchAll(/template:\s*`([\s\S]*?)`/g)].map((match) => match[1] ?? '');
}

/** The static attributes among `names` whose value has a word in it, as `name="value"`. */
export function literalAttributes(template: string, names: readonly string[]): string[] {
  const withoutComments = template.replace(/<!--[\s\S]*?-->/g, '');
  const pattern = new RegExp(`[\\s<](${names.join('|')})="([^"]*)"`, 'g');
  return [...withoutComments.matchAll(pattern)]
    .filter(([, , value = '']) => /\p{L}{2}/u.test(value.replace(/\{\{[\s\S]*?\}\}/g, '')))
    .filter(([, , value = '']) => !CODE_EXAMPLES.has(value))
    .map(([, name, value]) => `${name}="${value}"`);
}

/** Words written into a bound file name (`[fileName]="'karte-' + id"`), outside `t('…')`. */
export function literalFileNames(template: string): string[] {
  return [...template.matchAll(/\[fileName\]="([^"]*)"/g)].flatMap(([, binding = '']) =>
    [...binding.replace(/\b(?:\w+\.)?t\('[^']*'\)/g, '').matchAll(/'([^']*)'/g)]
      .map(([, literal = '']) => literal)
      .filter((literal) => /\p{L}{2}/u.test(literal))
      .map((literal) => `[fileName] '${literal}'`),
  );
}

describe('literalAttributes', () => {
  it('finds a written-out label, not a bound one, an interpolation or a code example', () => {
    const template = `
      <button aria-label="Schließen" [attr.aria-label]="t('close')" title="{{ t('close') }}"></button>
      <input placeholder=". >= 0 and . <= 120" [placeholder]="t('hint')" />
      <img alt="Karte" src="map.png" /><!-- <a title="Kommentar"></a> -->`;
    assert.deepEqual(literalAttributes(template, ATTRIBUTES), ['aria-label="Schließen"', 'alt="Karte"']);
  });
});

describe('literalFileNames', () => {
  it('finds a word in a bound file name, not a dictionary text or a separator', () => {
    const template = `
      <q-map-download [fileName]="'karte-' + testId()" />
      <q-table-download [fileName]="t('fileMap') + '-' + texts.t('fileClasses') + '-' + code" />
      <q-table-download [fileName]="name() + '-klassen'" />`;
    assert.deepEqual(literalFileNames(template), ["[fileName] 'karte-'", "[fileName] '-klassen'"]);
  });
});

describe('portal templates', () => {
  it('bind every label, title, alt, placeholder and file name to the dictionaries', () => {
    const found = sources(LIBS).flatMap((path) =>
      templates(path).flatMap((template) =>
        [...literalAttributes(template, ATTRIBUTES), ...literalFileNames(template)].map(
          (hit) => `${relative(LIBS, path)}: ${hit}`,
        ),
      ),
    );
    assert.deepEqual(found, []);
  });
});
