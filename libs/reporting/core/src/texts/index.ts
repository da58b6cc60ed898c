import type { ReportLanguage } from '../model/report-document';
import { AREA_PROFILE_TEXTS } from './area-profile.texts';
import { CHART_TEXTS } from './charts.texts';
import { COMMON_TEXTS } from './common.texts';
import { EVALUATION_TEXTS } from './evaluation.texts';
import { LABEL_TEXTS } from './labels.texts';
import { MONITORING_TEXTS } from './monitoring.texts';
import { PROGRAMME_TEXTS } from './programme.texts';

// The one texts table of the library: every word a reader sees, in German and English. It is
// assembled from parts per report type so each part stays readable; a key exists once.
export const TEXTS = {
  ...COMMON_TEXTS,
  ...CHART_TEXTS,
  ...AREA_PROFILE_TEXTS,
  ...LABEL_TEXTS,
  ...MONITORING_TEXTS,
  ...PROGRAMME_TEXTS,
  ...EVALUATION_TEXTS,
} as const;

export type TextKey = keyof typeof TEXTS;
export type TextParams = Readonly<Record<string, string | number>>;

/**
 * The text for `key` in `language` with `{name}` placeholders filled in. A placeholder without a
 * parameter is an error: a report must not print "{count}" to a committee.
 */
export function text(language: ReportLanguage, key: TextKey, params: TextParams = {}): string {
  const template: string = TEXTS[key][language];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`text "${key}" needs the parameter "${name}"`);
    return String(value);
  });
}

/** A text function bound to one language, as builders and renderers pass it around. */
export type Texts = (key: TextKey, params?: TextParams) => string;

export function textsFor(language: ReportLanguage): Texts {
  return (key, params) => text(language, key, params);
}

/**
 * The label of a code another service answers with: the text `family.code` when `known` lists
 * the code, else `fallback` — a code newer than this table is shown, never a missing key.
 */
export function codeLabel(
  t: Texts,
  family: string,
  known: readonly string[],
  code: string,
  fallback: string = code,
): string {
  return known.includes(code) ? t(`${family}.${code}` as TextKey) : fallback;
}
