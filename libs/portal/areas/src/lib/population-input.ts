export type ParsedPopulation = { readonly ok: true; readonly value: number | null } | { readonly ok: false };

/**
 * Reads a population typed by a person: empty = not recorded (null); otherwise a whole number
 * ≥ 0, accepting German and English thousands separators ("12.345", "12,345", "12 345").
 * Decimal fractions are rejected rather than rounded: a population of "12,5" is a typo.
 */
export function parsePopulation(input: string): ParsedPopulation {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: true, value: null };
  const grouped = /^\d{1,3}([.,\u00a0\u202f ]\d{3})+$/.test(trimmed);
  const plain = /^\d+$/.test(trimmed);
  if (!grouped && !plain) return { ok: false };
  const value = Number(trimmed.replace(/[.,\u00a0\u202f ]/g, ''));
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false };
}
