// Statistics offices publish cubes with more dimensions than Quartier's three (area, period,
// indicator): sex, age, unit, adjustment, … A dimension mapping says which dimension plays which
// role and fixes every other one to a single value, e.g. `geo=area,time=period,indic_na=indicator,
// unit=EUR_HAB` — written like that on the command line (`--map`), in the import API (`map`) and
// saved per source by the import wizard.

export type DimensionRole = 'area' | 'period' | 'indicator';
export const DIMENSION_ROLES: readonly DimensionRole[] = ['area', 'period', 'indicator'];

export interface DimensionMapping {
  /** Dimension id per role (as the person wrote it; matched case-insensitively). */
  readonly roles: Readonly<Partial<Record<DimensionRole, string>>>;
  /** Dimension id → the one category (code) to read; observations with another are left out. */
  readonly fixed: Readonly<Record<string, string>>;
}

export const NO_MAPPING: DimensionMapping = { roles: {}, fixed: {} };

export type MappingResult = { ok: true; mapping: DimensionMapping } | { ok: false; message: string };

/** Parses `dim=role|value,…`; every problem is named. */
export function parseDimensionMapping(text: string): MappingResult {
  const roles: Partial<Record<DimensionRole, string>> = {};
  const fixed: Record<string, string> = {};
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const dim = (eq < 0 ? part : part.slice(0, eq)).trim();
    const target = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (dim === '' || target === '') {
      problems.push(`"${part.trim()}" is not dimension=role or dimension=value`);
      continue;
    }
    const key = dim.toLowerCase();
    if (seen.has(key)) {
      problems.push(`dimension "${dim}" is mapped twice`);
      continue;
    }
    seen.add(key);
    const role = DIMENSION_ROLES.find((r) => r === target.toLowerCase());
    if (role === undefined) fixed[dim] = target;
    else if (roles[role] !== undefined)
      problems.push(`${role} is mapped twice ("${roles[role]}" and "${dim}")`);
    else roles[role] = dim;
  }
  return problems.length > 0
    ? { ok: false, message: problems.join('; ') }
    : { ok: true, mapping: { roles, fixed } };
}

/** The mapping as its text form (stable order: roles, then fixed dimensions). */
export function formatDimensionMapping(mapping: DimensionMapping): string {
  return [
    ...DIMENSION_ROLES.filter((r) => mapping.roles[r] !== undefined).map((r) => `${mapping.roles[r]}=${r}`),
    ...Object.entries(mapping.fixed).map(([dim, value]) => `${dim}=${value}`),
  ].join(',');
}

/** Case-insensitive lookup of a mapped dimension among the file's own ids. */
export function findDimension(ids: readonly string[], wanted: string): number {
  const lower = wanted.toLowerCase();
  return ids.findIndex((id) => id.toLowerCase() === lower);
}

/** The mapped dimensions the file does not have, as a message, or null. */
export function unknownMappedDimensions(ids: readonly string[], mapping: DimensionMapping): string | null {
  const named = [...Object.values(mapping.roles), ...Object.keys(mapping.fixed)].filter(
    (d): d is string => d !== undefined,
  );
  const unknown = named.filter((d) => findDimension(ids, d) < 0);
  return unknown.length === 0
    ? null
    : `the mapping names ${unknown.map((d) => `"${d}"`).join(', ')}, which the file does not have (dimensions: ${ids.join(', ')})`;
}
