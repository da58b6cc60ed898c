import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { generateDemoCity } from './city';
import { generateActorNetwork } from './network';

describe('generateActorNetwork', () => {
  const city = generateDemoCity();
  const network = generateActorNetwork(city);

  it('places 40–100 actors of every sector inside the planning areas of the central district', () => {
    expect(network.district.code).toBe('01');
    expect(network.actors.length).toBeGreaterThan(40);
    expect(network.actors.length).toBeLessThan(100);
    expect(new Set(network.actors.map((a) => a.sector)).size).toBe(5);
    for (const actor of network.actors) {
      const area = city.planningAreas.find((a) => a.code === actor.planningAreaCode)!;
      expect(area.code.startsWith('01')).toBe(true);
      expect(booleanPointInPolygon([actor.point.lon, actor.point.lat], area.geometry)).toBe(true);
    }
    expect(new Set(network.actors.map((a) => a.key)).size).toBe(network.actors.length);
    expect(network.actors.filter((a) => a.kind === 'person').every((a) => a.sector === 'residents')).toBe(
      true,
    );
  });

  it('draws two waves in which ties end, begin and only link actors present in that wave', () => {
    const key = (t: { source: string; target: string }) => `${t.source} ${t.target}`;
    const first = new Set(network.wave1.map(key));
    const second = new Set(network.wave2.map(key));
    expect(network.wave1.length).toBeGreaterThan(60);
    expect([...first].filter((k) => !second.has(k)).length).toBeGreaterThan(0);
    expect([...second].filter((k) => !first.has(k)).length).toBeGreaterThan(0);
    const waves = new Map(network.actors.map((a) => [a.key, a.waves]));
    for (const [wave, ties] of [
      [1, network.wave1],
      [2, network.wave2],
    ] as const)
      for (const t of ties) {
        expect(waves.get(t.source)).toContain(wave);
        expect(waves.get(t.target)).toContain(wave);
        expect(t.weight >= 1 && t.weight <= 4).toBe(true);
      }
  });

  it('serves another district on request, and refuses an unknown one', () => {
    expect(generateActorNetwork(city, { districtCode: '03' }).district.code).toBe('03');
    expect(() => generateActorNetwork(city, { districtCode: '99' })).toThrow(/no district 99/);
  });
});
