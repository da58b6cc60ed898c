import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relativeLuminance } from '@quartier/portal-ui/colours';
import { areaRoles, MAP_ROLES, ROLE_COLORS, roleCounts } from './map-roles.ts';

describe('design map roles', () => {
  const input = {
    areas: [
      { code: 'A', role: 'treated' as const },
      { code: 'B', role: 'comparison' as const },
      { code: 'P', role: 'context' as const },
    ],
    candidates: ['B', 'C', 'D'],
  };

  it('marks evaluated, comparison and candidate areas; context areas are not drawn as such', () => {
    const roles = areaRoles(input);
    assert.deepEqual([...roles.entries()].sort(), [
      ['A', 'treated'],
      ['B', 'comparison'],
      ['C', 'candidate'],
      ['D', 'candidate'],
    ]);
  });

  it('has no candidates without matching', () => {
    assert.deepEqual([...areaRoles({ ...input, candidates: null }).values()].sort(), [
      'comparison',
      'treated',
    ]);
  });

  it('counts every role, the rest of the level as other', () => {
    assert.deepEqual(roleCounts(areaRoles(input), 10), { treated: 1, comparison: 1, candidate: 2, other: 6 });
  });

  it('keeps the roles apart in greyscale: luminance rises in clear steps from evaluated to other areas', () => {
    const luminance = MAP_ROLES.map((role) => relativeLuminance(ROLE_COLORS[role]));
    for (let i = 1; i < luminance.length; i++)
      assert.ok(
        luminance[i] - luminance[i - 1] > 0.15,
        `${MAP_ROLES[i - 1]} vs ${MAP_ROLES[i]}: ${luminance}`,
      );
  });
});
