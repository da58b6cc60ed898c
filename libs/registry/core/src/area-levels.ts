import { z } from 'zod';
import { RegistryError } from './registry.error';

/** A tenant names its own hierarchy (Berlin: Bezirk → Prognoseraum → Bezirksregion → Planungsraum). */
export const areaLevelSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'level key: lowercase letters, digits, dashes'),
  name: z.string().min(1).max(120),
  rank: z.number().int().min(0),
});
export type AreaLevel = z.infer<typeof areaLevelSchema>;

/** Levels must form one chain: unique keys, ranks 0…n−1 without gaps (0 = top). */
export function validateLevels(levels: AreaLevel[]): AreaLevel[] {
  if (levels.length === 0) throw new RegistryError('InvalidLevels', 'a tenant needs at least one area level');
  const keys = new Set<string>();
  for (const level of levels) {
    const parsed = areaLevelSchema.safeParse(level);
    if (!parsed.success)
      throw new RegistryError('InvalidLevels', `level ${level.key}: ${parsed.error.issues[0].message}`);
    if (keys.has(level.key)) throw new RegistryError('InvalidLevels', `level key ${level.key} is used twice`);
    keys.add(level.key);
  }
  const sorted = [...levels].sort((a, b) => a.rank - b.rank);
  sorted.forEach((level, index) => {
    if (level.rank !== index)
      throw new RegistryError('InvalidLevels', `level ranks must be 0…${levels.length - 1} without gaps`);
  });
  return sorted;
}

export function parentLevelOf(levels: AreaLevel[], key: string): AreaLevel | null {
  const level = levels.find((l) => l.key === key);
  if (!level) throw new RegistryError('LevelNotFound', `unknown area level ${key}`);
  return levels.find((l) => l.rank === level.rank - 1) ?? null;
}
