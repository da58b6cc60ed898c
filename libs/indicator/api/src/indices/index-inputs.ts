import { resolveHierarchyValues, type AreaIndicatorValues } from '@quartier/indicator-core';
import type { IndicatorView } from '../catalogue/indicator.dto';
import type { AreaNode, LevelAreas } from '../common/area-tree';
import type { AreaCell } from '../values/indicator-value.repository';
import { textArray, uuidArray } from './binary-arrays';

/**
 * One indicator's stored data of the run's period: every cell, or the values of the level's
 * areas in their order (null without a value).
 */
export interface StoredValues {
  cells(): Promise<AreaCell[]>;
  valuesOf(areas: Pick<LevelIds, 'count' | 'binary'>): Promise<(number | null)[]>;
}

/**
 * A level's areas in its order, encoded once for PostgreSQL: the ids as a binary uuid[], the
 * codes as a text[] literal (what reading the values and storing the results send).
 */
export interface LevelIds {
  count: number;
  binary: Buffer;
  codes: string;
}

const idsOfLevel = new WeakMap<LevelAreas, LevelIds>();

/**
 * The level's area ids for the database, encoded when first asked for and then kept with the
 * level (which lives as long as the state of the tenant's areas it was made from).
 */
export function levelIds(level: LevelAreas): LevelIds {
  let ids = idsOfLevel.get(level);
  if (!ids) {
    ids = {
      count: level.areas.length,
      binary: uuidArray(level.areas.map((a) => a.id)),
      codes: textArray(level.areas.map((a) => a.code)),
    };
    idsOfLevel.set(level, ids);
  }
  return ids;
}

/**
 * One indicator's values for the areas of a level (in their order): stored, or aggregated from
 * the areas below — only that part of the tree is resolved. Unsuppressed (suppression is for
 * publication, the index needs the real figures) and strict: an aggregate needs every child.
 * A level with nothing below takes its stored values as they are, which is what resolving gives.
 */
export async function levelValues(
  level: LevelAreas,
  indicator: Pick<IndicatorView, 'effectiveScale' | 'unit'>,
  stored: StoredValues,
): Promise<(number | null)[]> {
  if (level.bottom) return stored.valuesOf(levelIds(level));
  const cells = new Map((await stored.cells()).map((c) => [c.areaId, c]));
  const resolved = resolveHierarchyValues(level.hierarchy, cells, {
    scale: indicator.effectiveScale,
    kind: indicator.unit === 'count' ? 'sum' : 'rate',
  });
  return Array.from(level.positions, (p) => {
    const cell = resolved[p];
    return cell.status === 'value' ? cell.value : null;
  });
}

/**
 * The index's inputs and the stored snapshot's rows (code, then each indicator's value) in one
 * pass: at 50,000 areas no entries arrays and no spreads per area.
 */
export function indexInputs(
  areas: readonly AreaNode[],
  columns: readonly { code: string; values: readonly (number | null)[] }[],
): { inputs: AreaIndicatorValues[]; rows: (string | number | null)[][] } {
  const inputs: AreaIndicatorValues[] = new Array(areas.length);
  const rows: (string | number | null)[][] = new Array(areas.length);
  for (let i = 0; i < areas.length; i++) {
    const values: Record<string, number | null> = {};
    const row: (string | number | null)[] = [areas[i].code];
    for (const c of columns) {
      const value = c.values[i];
      values[c.code] = value;
      row.push(value);
    }
    inputs[i] = { area: areas[i].code, values };
    rows[i] = row;
  }
  return { inputs, rows };
}
