import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECTORS } from '@quartier/contracts';
import { buildMitteDemoNetwork, loadMitteDemoFixture } from './mitte-demo-network';
import type { MittePlanningArea } from './mitte-planning-areas';

const area = (code: string): MittePlanningArea => ({
  code,
  name: code,
  lon: 13.4,
  lat: 52.52,
  dLon: 0.001,
  dLat: 0.001,
});

describe('the Mitte demo network fixture', () => {
  it('holds 60 actors in every sector, each in a region it names', () => {
    const fixture = loadMitteDemoFixture();
    expect(fixture.name).toBe('Akteursnetzwerk Mitte');
    expect(fixture.actors).toHaveLength(60);
    expect(new Set(fixture.actors.map((a) => a.sector))).toEqual(new Set(SECTORS));
    for (const actor of fixture.actors) expect(Object.keys(fixture.regions)).toContain(actor.region);
  });

  it('refuses a broken file, naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mitte-demo-'));
    const original = readFileSync(join(__dirname, '../../fixtures/mitte-network-demo.json'), 'utf8');
    const broken = (change: (fixture: { actors: Record<string, unknown>[] }) => void): string => {
      const fixture = JSON.parse(original);
      change(fixture);
      const file = join(dir, 'broken.json');
      writeFileSync(file, JSON.stringify(fixture));
      return file;
    };
    try {
      expect(() => loadMitteDemoFixture(broken((f) => (f.actors[0]['sector'] = 'church')))).toThrow(
        /actors\.0\.sector: /,
      );
      expect(() => loadMitteDemoFixture(broken((f) => (f.actors[1]['region'] = '999999')))).toThrow(
        /actors\.1\.region: unknown region 999999/,
      );
      expect(() => loadMitteDemoFixture(broken((f) => (f.actors[2]['key'] = f.actors[3]['key'])))).toThrow(
        /actors\.3\.key: duplicate key/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('places each actor in a planning area of its region, the same way for the same seed', () => {
    const { actors } = loadMitteDemoFixture();
    const regions = [...new Set(actors.map((a) => a.region))];
    const areas = regions.flatMap((r) => [area(`${r}01`), area(`${r}02`)]);
    const first = buildMitteDemoNetwork(actors, areas);
    expect(buildMitteDemoNetwork(actors, areas)).toEqual(first);
    for (const [index, actor] of first.actors.entries())
      expect(actor.planningAreaCode.slice(0, 6)).toBe(actors[index].region);
    const onlyFirst = actors.filter((a) => a.onlyInWave === 1).map((a) => a.key);
    expect(onlyFirst.length).toBeGreaterThan(0);
    for (const tie of first.wave2) {
      expect(onlyFirst).not.toContain(tie.source);
      expect(onlyFirst).not.toContain(tie.target);
    }
  });
});
