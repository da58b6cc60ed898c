// What the design map shows: each area of the evaluated level as evaluated (treated), comparison
// area, matching candidate, or other. The fills differ in lightness as well as hue (dark, middle,
// light, white), so the map and its legend read the same printed in greyscale or by people who
// do not tell the hues apart; evaluated areas also get a thick outline.

export type MapRole = 'treated' | 'comparison' | 'candidate' | 'other';

export const MAP_ROLES: readonly MapRole[] = ['treated', 'comparison', 'candidate', 'other'];

export const ROLE_COLORS: Readonly<Record<MapRole, string>> = {
  treated: '#08306b',
  comparison: '#e6550d',
  candidate: '#d9d9d9',
  other: '#ffffff',
};

export interface RoleInput {
  areas: readonly { code: string; role: 'treated' | 'comparison' | 'context' }[];
  /** Candidate codes of the matching (null without matching or when it failed). */
  candidates: readonly string[] | null;
}

/** Area code → role; areas not listed are `other`. Treated wins over comparison over candidate. */
export function areaRoles(input: RoleInput): Map<string, MapRole> {
  const roles = new Map<string, MapRole>();
  for (const code of input.candidates ?? []) roles.set(code, 'candidate');
  for (const a of input.areas) if (a.role === 'comparison') roles.set(a.code, 'comparison');
  for (const a of input.areas) if (a.role === 'treated') roles.set(a.code, 'treated');
  return roles;
}

export function roleCounts(roles: ReadonlyMap<string, MapRole>, total: number): Record<MapRole, number> {
  const counts: Record<MapRole, number> = { treated: 0, comparison: 0, candidate: 0, other: 0 };
  for (const role of roles.values()) counts[role] += 1;
  counts.other = Math.max(0, total - counts.treated - counts.comparison - counts.candidate);
  return counts;
}
