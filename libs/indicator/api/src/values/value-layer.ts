import type { AreaValue, ValueMap } from './area-value';

/** One character per area in `ValueLayer.flags`. */
export const LAYER_FLAGS = { value: 'v', approximate: 'a', suppressed: 's', missing: 'm' } as const;

/**
 * The map data of a level as columns joined to vector-tile features by area code: what a map of
 * 50,000 areas needs to colour them (code, value, status), about 20 bytes an area instead of the
 * full records of the map endpoint (ids, names, counts, reasons: 230 bytes). Names and details
 * come with the tiles (from zoom 10) and the area's own requests.
 */
export interface ValueLayer {
  indicator: ValueMap['indicator'];
  period: string;
  level: string;
  statistics: ValueMap['statistics'];
  codes: string[];
  /** Rounded to 6 significant digits; null where there is no value. */
  values: (number | null)[];
  /** v value · a approximate value (weighted mean) · s suppressed · m missing. */
  flags: string;
}

export function toValueLayer(map: ValueMap): ValueLayer {
  const codes: string[] = [];
  const values: (number | null)[] = [];
  let flags = '';
  for (const item of map.items) {
    codes.push(item.code);
    values.push(item.status === 'value' && item.value !== null ? Number(item.value.toPrecision(6)) : null);
    flags += flagOf(item);
  }
  return {
    indicator: map.indicator,
    period: map.period,
    level: map.level,
    statistics: map.statistics,
    codes,
    values,
    flags,
  };
}

function flagOf(item: AreaValue): string {
  if (item.status === 'suppressed') return LAYER_FLAGS.suppressed;
  if (item.status === 'missing' || item.value === null) return LAYER_FLAGS.missing;
  return item.approximate ? LAYER_FLAGS.approximate : LAYER_FLAGS.value;
}
