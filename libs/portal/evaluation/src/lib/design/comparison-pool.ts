import type { TranslationParams } from '@quartier/portal-ui/texts';

/** The areas matching looked in (the evaluation service's `comparisonPool`); null: the whole city. */
export interface ComparisonPool {
  areas: readonly { name: string }[];
}

/**
 * Where matching looked for comparison areas, as one sentence: the pool is fixed by whoever saved
 * the design, so a reader with another area scope learns why the candidates are these.
 */
export function comparisonPoolText(
  pool: ComparisonPool | null,
  t: (key: 'comparisonPool' | 'comparisonPool.city', params?: TranslationParams) => string,
  locale: string,
): string {
  if (!pool) return t('comparisonPool.city');
  const names = new Intl.ListFormat(locale, { type: 'conjunction' }).format(pool.areas.map((a) => a.name));
  return t('comparisonPool', { areas: names });
}
