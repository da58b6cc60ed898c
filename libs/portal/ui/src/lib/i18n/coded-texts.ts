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
