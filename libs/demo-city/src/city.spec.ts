import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Polygon } from 'geojson';
import { DEMO_CITY_LEVELS, generateDemoCity, type DemoArea } from './city';

/** Planar area in squared degrees (enough to compare parts with their whole). */
function area(geometry: Polygon): number {
  return geometry.coordinates.reduce((sum, ring) => {
    let twice = 0;
    for (let i = 0; i + 1 < ring.length; i++)
      twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    return sum + twice / 2;
  }, 0);
}

describe('generateDemoCity', () => {
  const city = generateDemoCity();
  const byLevel = (level: string) => city.areas.filter((a) => a.level === level);

  it('makes four levels (6 districts … 150 planning areas) with hierarchical two-digit codes', () => {
    expect(city.levels.map((l) => l.key)).toEqual(['stadtbezirk', 'stadtteil', 'sozialraum', 'planungsraum']);
    expect(DEMO_CITY_LEVELS.map((l) => byLevel(l.key).length)).toEqual([6, 18, 49, 150]);
    const codes = new Set(city.areas.map((a) => a.code));
    expect(codes.size).toBe(city.areas.length);
    for (const a of city.areas) {
      const rank = DEMO_CITY_LEVELS.findIndex((l) => l.key === a.level);
      expect(a.code).toMatch(new RegExp(`^\\d{${2 * (rank + 1)}}$`));
      expect(a.parentCode).toBe(rank === 0 ? null : a.code.slice(0, -2));
      if (a.parentCode) expect(codes.has(a.parentCode)).toBe(true);
    }
    expect(new Set(city.areas.map((a) => a.name)).size).toBe(city.areas.length);
    expect(byLevel('stadtbezirk')[0].name).toBe('Innenstadt');
  });

  it('writes closed counter-clockwise outer rings, clockwise holes, and a point inside each area', () => {
    for (const a of city.areas) {
      const [outer, ...holes] = a.geometry.coordinates;
      for (const ring of a.geometry.coordinates) expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(area({ type: 'Polygon', coordinates: [outer] })).toBeGreaterThan(0);
      for (const hole of holes) expect(area({ type: 'Polygon', coordinates: [hole] })).toBeLessThan(0);
      expect(booleanPointInPolygon(a.point, a.geometry)).toBe(true);
    }
  });

  it('tiles each parent with its children: areas and inhabitants add up', () => {
    for (const parent of city.areas.filter((a) => a.level !== 'planungsraum')) {
      const children = city.areas.filter((a) => a.parentCode === parent.code);
      expect(children.length).toBeGreaterThan(0);
      const sum = children.reduce((s, c) => s + area(c.geometry), 0);
      expect(Math.abs(sum - area(parent.geometry)) / area(parent.geometry)).toBeLessThan(1e-6);
      expect(children.reduce((s, c) => s + c.population, 0)).toBe(parent.population);
    }
    const total = byLevel('stadtbezirk').reduce((s, d) => s + d.population, 0);
    expect(total).toBeGreaterThan(250_000);
    expect(total).toBeLessThan(700_000);
  });

  it('leaves no gap and no overlap: every sample point of a district lies in exactly one of its planning areas', () => {
    const leaves = byLevel('planungsraum');
    const districts = byLevel('stadtbezirk');
    const all = leaves.flatMap((l) => l.geometry.coordinates[0]);
    const [minX, maxX] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
    const [minY, maxY] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
    let sampled = 0;
    for (let i = 0; i < 40; i++)
      for (let j = 0; j < 40; j++) {
        const point = [minX + ((i + 0.5) / 40) * (maxX - minX), minY + ((j + 0.5) / 40) * (maxY - minY)];
        const inLeaves = leaves.filter((l) => booleanPointInPolygon(point, l.geometry));
        const inDistricts = districts.filter((d) => booleanPointInPolygon(point, d.geometry));
        expect(inLeaves.length).toBeLessThanOrEqual(1);
        expect(inDistricts.map((d) => d.code)).toEqual(inLeaves.map((l: DemoArea) => l.code.slice(0, 2)));
        sampled += inLeaves.length;
      }
    expect(sampled).toBeGreaterThan(700);
  });

  it('has most inhabitants in the centre and a few planning areas without residents', () => {
    const leaves = city.planningAreas;
    const density = (a: (typeof leaves)[number]) => a.population / area(a.geometry);
    const inner = leaves.filter((a) => a.centrality < 0.3 && !a.nonResidential);
    const outer = leaves.filter((a) => a.centrality > 0.7 && !a.nonResidential);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(inner.map(density))).toBeGreaterThan(3 * mean(outer.map(density)));
    expect(leaves.filter((a) => a.population < 300).length).toBeGreaterThan(2);
  });

  it('is the same city for the same seed, another for another seed', () => {
    expect(generateDemoCity()).toEqual(city);
    expect(generateDemoCity({ seed: 2 }).areas[0].geometry).not.toEqual(city.areas[0].geometry);
  });

  it('scales: 10,000 planning areas in 24 districts', () => {
    const big = generateDemoCity({ areas: 10_000 });
    expect(big.planningAreas).toHaveLength(10_000);
    expect(big.areas.filter((a) => a.level === 'stadtbezirk')).toHaveLength(24);
    expect(big.areas.every((a) => a.geometry.coordinates[0].length >= 4)).toBe(true);
  });

  it('refuses a size below four planning areas', () => {
    expect(() => generateDemoCity({ areas: 3 })).toThrow(/at least 4/);
  });
});
