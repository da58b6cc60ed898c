import { startServiceTestApp, type ServiceTestApp, type TestArea } from '@quartier/service-kit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SurveyApiModule } from '../survey-api.module';
import { SurveyDemoSeeder } from './survey-demo-seeder';

jest.setTimeout(120_000);

const LOR = join(__dirname, '../../../../../infra/data/berlin/lor-until-2020');
const POPULATION = join(__dirname, '../../../../../infra/data/berlin/planning-area-population-2018.csv');

/** Mitte's real LOR hierarchy (codes BBPPRRLL), as the registry's events would replicate it. */
function mitteAreas(): TestArea[] {
  const population = new Map(
    readFileSync(POPULATION, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','))
      .map(([code, n]) => [code, Number(n)]),
  );
  const levels: [file: string, level: string, parentLength: number][] = [
    ['districts.geojson', 'bezirk', 0],
    ['forecast-areas.geojson', 'prognoseraum', 2],
    ['district-regions.geojson', 'bezirksregion', 4],
    ['planning-areas.geojson', 'planungsraum', 6],
  ];
  return levels.flatMap(([file, level, parentLength]) =>
    (
      JSON.parse(readFileSync(join(LOR, file), 'utf8')).features as {
        properties: { id: string; name: string };
      }[]
    )
      .filter((f) => f.properties.id.startsWith('01'))
      .map((f) => ({
        code: f.properties.id,
        name: f.properties.name,
        level,
        ...(parentLength > 0 ? { parent: f.properties.id.slice(0, parentLength) } : {}),
        ...(level === 'planungsraum' ? { population: population.get(f.properties.id) ?? null } : {}),
      })),
  );
}

describe('survey demo seeder', () => {
  let t: ServiceTestApp;
  beforeAll(async () => {
    t = await startServiceTestApp({
      service: 'survey',
      module: (rt) => SurveyApiModule.forRoot(rt),
      moduleClass: SurveyApiModule,
    });
  });
  afterAll(() => t.close());

  it('waits for Mitte’s planning areas, seeds the survey once, and its results show suppression', async () => {
    const seeder = t.app.get(SurveyDemoSeeder);
    const seeding = seeder.seed({ progress: () => undefined }, { timeoutMs: 20_000 });
    // The registry's events arrive later than the seeder starts.
    await new Promise((resolve) => setTimeout(resolve, 700));
    await t.seedAreas('berlin-demo', mitteAreas());
    expect(await seeding).toBe(true);
    expect(await seeder.seed({ progress: () => undefined })).toBe(false);

    const [survey] = await t.db.query(`SELECT id, status, k FROM survey`);
    expect(survey).toMatchObject({ status: 'open', k: 10 });
    const waves: { id: string; name: string; n: number }[] = await t.db.query(
      `SELECT w.id, w.name, count(r.id)::int AS n FROM survey_wave w LEFT JOIN survey_response r ON r.wave_id = w.id GROUP BY w.id, w.name, w.opens_on ORDER BY w.opens_on`,
    );
    expect(waves.map((w) => w.name)).toEqual(['Welle 1 (Herbst 2025)', 'Welle 2']);
    expect(waves[0].n).toBeGreaterThan(1450);
    expect(waves[0].n).toBeLessThan(1550);
    const [{ targets }] = await t.db.query(`SELECT count(*)::int AS targets FROM survey_target_area`);
    expect(targets).toBe(41);

    const res = await fetch(`${t.url}/api/survey/surveys/${survey.id}/results?wave=${waves[0].id}`, {
      headers: { authorization: `Bearer ${await t.tokenFor('admin')}` },
    });
    const results = await res.json();
    expect(res.status).toBe(200);
    const suppressed = results.areas.filter((a: { suppressed: string | null }) => a.suppressed !== null);
    expect(suppressed.length).toBeGreaterThan(0);
    expect(
      results.areas.filter((a: { suppressed: string | null }) => a.suppressed === null).length,
    ).toBeGreaterThan(20);
    expect(results.parents.map((p: { level: string }) => p.level)).toEqual(
      Array(results.parents.length).fill('bezirksregion'),
    );
    const nacht = results.questions.find((q: { question: string }) => q.question === 'sicher_nacht');
    expect(nacht.total.topTwoBox.share).toBeGreaterThan(0.2);
    expect(nacht.total.topTwoBox.share).toBeLessThan(0.9);
  });
});
