// DHIS2 `dataValueSets` (Web API, JSON): `{ dataSet?, period?, orgUnit?, dataValues: [...] }`.
// What the set gives once — the form DHIS2's documentation shows first — holds for every value
// that does not say otherwise, as DHIS2 itself imports it.
import type { RawObservation, RowError } from './observation';

/** The set-level defaults of a data value set. */
export interface Dhis2SetDefaults {
  readonly dataSet?: string;
  readonly period?: string;
  readonly orgUnit?: string;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

/** The defaults of a data value set (its members other than `dataValues`). */
export function dhis2SetDefaults(set: unknown): Dhis2SetDefaults {
  if (!set || typeof set !== 'object' || Array.isArray(set)) return {};
  const s = set as Record<string, unknown>;
  const out: { dataSet?: string; period?: string; orgUnit?: string } = {};
  for (const key of ['dataSet', 'period', 'orgUnit'] as const) {
    const value = text(s[key]);
    if (value) out[key] = value;
  }
  return out;
}

/**
 * One data value as a raw observation (line = its position, 1-based), or the reason it cannot
 * be one. `dataElement` is the indicator, `orgUnit` the area.
 */
export function dhis2Observation(
  value: unknown,
  index: number,
  defaults: Dhis2SetDefaults,
): RawObservation | RowError {
  const line = index + 1;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return {
      line,
      column: `dataValues[${index}]`,
      reason: 'malformed',
      message: 'a data value is an object',
    };
  const dv = value as Record<string, unknown>;
  const raw = dv['value'];
  return {
    line,
    column: `dataValues[${index}].value`,
    area: text(dv['orgUnit']) || defaults.orgUnit || '',
    period: text(dv['period']) || defaults.period || '',
    indicator: text(dv['dataElement']) ?? '',
    value: typeof raw === 'number' ? raw : raw === null || raw === undefined ? '' : String(raw),
  };
}

/** Whether a reader result is an error rather than an observation. */
export function isRowError(item: RawObservation | RowError): item is RowError {
  return 'reason' in item;
}
