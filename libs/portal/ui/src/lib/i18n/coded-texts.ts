// Sentences chosen by a code a service sends (a refused import's problem, a refused
// publication's reason): the feature's dictionary has a sentence per code it knows, with
// `{placeholders}` for the values the service names beside the code, and one general sentence.
// Which of them to show is the same decision everywhere, so it is made here.
import type { TranslationParams } from './translations';

/** The names of a text's `{placeholders}`, in the order they appear (repeats kept). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
}

/**
 * The key to show for `key` (`<prefix>.<code>`, built from what a service sent): itself when the
 * dictionary has it and `params` has a value for each of its placeholders, else `fallback` (the
 * general sentence) — so a code the portal does not know yet, or a value the service left out,
 * never shows a raw key or a `{name}` to the reader.
 */
export function codedTextKey<K extends string>(
  dictionary: Readonly<Record<K, string>>,
  key: string,
  params: TranslationParams,
  fallback: K,
): K {
  if (!Object.hasOwn(dictionary, key)) return fallback;
  const known = key as K;
  return placeholders(dictionary[known]).every((name) => params[name] !== undefined) ? known : fallback;
}

/**
 * What keeps an English dictionary from matching its German source, one line per problem: a key
 * only one of them has, a text that is empty, a sentence whose `{placeholders}` differ (a value
 * shown in one language and lost in the other). Empty when they match; the unit tests of every
 * dictionary assert that.
 */
export function dictionaryMismatches(
  de: Readonly<Record<string, string>>,
  en: Readonly<Record<string, string>>,
): string[] {
  const mismatches: string[] = [];
  for (const key of Object.keys(de)) if (!Object.hasOwn(en, key)) mismatches.push(`${key}: no English text`);
  for (const key of Object.keys(en)) if (!Object.hasOwn(de, key)) mismatches.push(`${key}: no German text`);
  for (const [language, texts] of [
    ['de', de],
    ['en', en],
  ] as const)
    for (const [key, text] of Object.entries(texts))
      if (text.trim() === '') mismatches.push(`${key}: empty in ${language}`);
  for (const key of Object.keys(de)) {
    if (!Object.hasOwn(en, key)) continue;
    const [german, english] = [de[key], en[key]].map((text) => placeholders(text).sort().join(' '));
    if (german !== english)
      mismatches.push(`${key}: placeholders ${german || '–'} (de), ${english || '–'} (en)`);
  }
  return mismatches;
}
