import { DEMO_CITY_LEVELS, generateDemoCity, type DemoCity } from '@quartier/demo-city';
import { AreaImportValidator, areaImportOptionsSchema } from '@quartier/registry-core';
import { MUSTERSTADT_DEMO, musterstadtAreas } from './demo-tenants';

/** Runs every level of a generated city through the registry's own import validation. */
function importErrors(city: DemoCity): { level: string; feature: number; reason: string }[] {
  const errors: { level: string; feature: number; reason: string }[] = [];
  let parentCodes = new Set<string>();
  for (const [rank, level] of DEMO_CITY_LEVELS.entries()) {
    const validator = new AreaImportValidator(
      areaImportOptionsSchema.parse({ level: level.key, populationProperty: 'ew' }),
      { hasParentLevel: rank > 0, parentCodes },
    );
    const codes = new Set<string>();
    city.areas
      .filter((a) => a.level === level.key)
      .forEach((a, i) => {
        const feature = {
          type: 'Feature',
          properties: { id: a.code, name: a.name, ew: a.population },
          geometry: a.geometry,
        };
        const accepted = validator.accept(i, feature);
        if (accepted) codes.add(accepted.code);
      });
    errors.push(...validator.errors.map((e) => ({ level: level.key, ...e })));
    parentCodes = codes;
  }
  return errors;
}

describe('Musterstadt (Demo)', () => {
  it('is the generated city with its four levels, and every area passes the registry’s import validation', () => {
    expect(MUSTERSTADT_DEMO.levels.map((l) => l.key)).toEqual([
      'stadtbezirk',
      'stadtteil',
      'sozialraum',
      'planungsraum',
    ]);
    expect(musterstadtAreas('planungsraum').features).toHaveLength(150);
    expect(importErrors(generateDemoCity({ areas: 150, seed: 1 }))).toEqual([]);
  });

  it('scales to a benchmark city of 10,000 planning areas that imports just as cleanly', () => {
    expect(importErrors(generateDemoCity({ areas: 10_000, seed: 3 }))).toEqual([]);
  }, 60_000);
});
