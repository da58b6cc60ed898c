import { computed, inject, type Signal } from '@angular/core';
import { I18n } from '../i18n/i18n';
import { fillPlaceholders, type TranslationParams } from '../i18n/translations';

/** A feature library's own text lookup: a key and the values of its `{placeholders}`. */
export type FeatureText<K extends string> = (key: K, params?: TranslationParams) => string;

/**
 * Of a German and an English dictionary, the one of the shell's language: German by default,
 * English when the shell switches to it. Call it where `inject` works (a field).
 */
export function languageDictionary<D>(de: D, en: D): Signal<D> {
  const i18n = inject(I18n);
  return computed(() => (i18n.language() === 'en' ? en : de));
}

/**
 * The `t` of a feature library's own dictionaries, in the shell's language. The lookup reads the
 * shell's language signal, so every OnPush view that shows a feature text re-renders on a
 * switch, as with the shell's own `I18n.t`. Call it where `inject` works (a field of the
 * feature's texts service).
 */
export function featureTexts<K extends string>(
  de: Readonly<Record<K, string>>,
  en: Readonly<Record<K, string>>,
): FeatureText<K> {
  const dictionary = languageDictionary(de, en);
  return (key, params = {}) => fillPlaceholders(dictionary()[key], params);
}

/** A text whose key is built at run time from a prefix and a value (`status.` + value). */
export type FeatureKeyText = (prefix: string, value: string, params?: TranslationParams) => string;

/**
 * The `tk` beside a feature's `t`, for values the service names (statuses, kinds, formats): the
 * text of `<prefix>.<value>` where the dictionary has it, else the value itself, so a value
 * added on the server shows as it is instead of as an unknown key.
 */
export function featureKeyTexts<K extends string>(
  de: Readonly<Record<K, string>>,
  t: FeatureText<K>,
): FeatureKeyText {
  return (prefix, value, params = {}) => {
    const key = `${prefix}.${value}`;
    return key in de ? t(key as K, params) : value;
  };
}

/**
 * Fixed values as the choices of a select or a radio group, each labelled by its `tk` text
 * (`<prefix>.<value>`) in the reader's language.
 */
export function keyChoices<V extends string>(
  values: readonly V[],
  prefix: string,
  tk: FeatureKeyText,
): Signal<{ value: V; label: string }[]> {
  return computed(() => values.map((value) => ({ value, label: tk(prefix, value) })));
}

/**
 * Values offered as choices in the order given, each labelled by the text its key names
 * (`{ value: textKey }`) in the reader's language.
 */
export function textChoices<V extends string, K extends string>(
  labels: Readonly<Record<V, K>>,
  t: (key: K) => string,
): Signal<{ value: V; label: string }[]> {
  return computed(() =>
    (Object.entries(labels) as [V, K][]).map(([value, key]) => ({ value, label: t(key) })),
  );
}
