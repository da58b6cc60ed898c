import { MUSTERSTADT, musterstadtCity } from '@quartier/demo-city';
import { referenceDataDir, requireReferenceData } from '@quartier/reference-data';
import type { ServiceTestApp } from '@quartier/service-kit';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndicatorDemoSeeder, MSS_EDITIONS, mssPeriod } from './indicator-demo-seeder';
import { startIndicatorTestApp, TENANT } from '../testing/indicator-test-app';

// The published MSS editions are third-party data from the reference folder: the Berlin tests
// below are reported as not run without them.
const MSS = requireReferenceData(
  MSS_EDITIONS.flatMap((e) => [`berlin/mss/mss-${e}-indicators.csv`, `berlin/mss/mss-${e}-classes.csv`]),
  6,
);
const MSS_DIR = join(referenceDataDir(), 'berlin/mss');
const describeWithMss = MSS ? describe : describe.skip;

describe('indicator service (real PostgreSQL, Redis, OIDC tokens)', () => {
  let t: ServiceTestApp;

  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  beforeAll(async () => {
    ({ t } = await startIndicatorTestApp());
  }, 120_000);
  afterAll(() => t?.close());

  describe('demo seed', () => {
    beforeAll(async () => {
      const city = musterstadtCity();
      await t.seedAreas(
        MUSTERSTADT.tenantId,
        city.areas.map((a) => ({
          code: a.code,
          level: a.level,
          ...(a.parentCode ? { parent: a.parentCode } : {}),
        })),
      );
      if (MSS) {
        const published = parse(readFileSync(join(MSS_DIR, 'mss-2019-classes.csv'), 'utf8'), {
          columns: true,
        }) as { id: string }[];
        const districts = [...new Set(published.map((r) => r.id.slice(0, 2)))];
        await t.seedAreas(TENANT, [
          ...districts.map((code) => ({ code, level: 'bezirk' })),
          ...published.map((r) => ({ code: r.id, level: 'planungsraum', parent: r.id.slice(0, 2) })),
        ]);
      }
      const seeder = t.app.get(IndicatorDemoSeeder);
      const context = {
        root: join(__dirname, '../../../..'),
        referenceData: MSS ? referenceDataDir() : join(__dirname, 'no-reference-data'),
        progress: () => undefined,
      };
      expect(await seeder.seed(context, { timeoutMs: 30_000 })).toBe(true);
      expect(await seeder.seed(context, { timeoutMs: 30_000 })).toBe(false);
    }, 180_000);

    it('gives Musterstadt its indicators over eight years and three runs of its social index', async () => {
      const [{ n }] = await t.db.query(
        `SELECT count(DISTINCT period)::int AS n FROM indicator_value WHERE tenant_id = $1`,
        [MUSTERSTADT.tenantId],
      );
      expect(n).toBe(8);
      const runs = (await call('GET', '/api/indicator/index-runs', 'musterstadt-admin')).body as unknown as {
        id: string;
        period: string;
        validAreaCount: number;
      }[];
      expect(runs.map((r) => r.period).sort()).toEqual(['2019', '2021', '2023']);
      const run = runs.find((r) => r.period === '2023')!;
      expect(run.validAreaCount).toBeGreaterThan(130);
      const classes = (
        (await call('GET', `/api/indicator/index-runs/${run.id}/classes?index=status`, 'musterstadt-admin'))
          .body['items'] as unknown as { class: string | null }[]
      ).map((i) => i.class);
      // Like the MSS: most areas average, some high, a tail of low and very low status.
      for (const code of ['1', '2', '3', '4']) expect(classes).toContain(code);
      expect(classes.filter((c) => c === '2').length).toBeGreaterThan(classes.length / 2);
    });
  });

  describeWithMss('Berlin MSS through the service', () => {
    it.each(MSS_EDITIONS)(
      'reproduces every published status and dynamics class of MSS %i',
      async (edition) => {
        const runs = (await call('GET', '/api/indicator/index-runs', 'viewer')).body as unknown as {
          id: string;
          period: string;
          label: string;
          validAreaCount: number;
        }[];
        const run = runs.find((r) => r.label === `MSS ${edition}`)!;
        expect(run.period).toBe(mssPeriod(edition));
        const published = parse(readFileSync(join(MSS_DIR, `mss-${edition}-classes.csv`), 'utf8'), {
          columns: true,
        }) as { id: string; status_index: string; dynamic_index: string }[];
        const status = new Map(
          (
            (await call('GET', `/api/indicator/index-runs/${run.id}/classes?index=status`, 'viewer')).body[
              'items'
            ] as unknown as { code: string; class: string | null }[]
          ).map((i) => [i.code, i.class]),
        );
        const dynamics = new Map(
          (
            (await call('GET', `/api/indicator/index-runs/${run.id}/classes?index=dynamics`, 'viewer')).body[
              'items'
            ] as unknown as { code: string; class: string | null }[]
          ).map((i) => [i.code, i.class]),
        );
        let indexed = 0;
        for (const row of published) {
          const expected =
            row.status_index.trim() === '' || row.status_index.trim() === '0'
              ? null
              : row.status_index.trim();
          const expectedDynamics = expected === null ? null : row.dynamic_index.trim();
          if (expected !== null) indexed++;
          expect([row.id, status.get(row.id) ?? null, dynamics.get(row.id) ?? null]).toEqual([
            row.id,
            expected,
            expectedDynamics,
          ]);
        }
        expect(run.validAreaCount).toBe(indexed);
      },
    );

    it('lists movers between two editions and keeps each run reproducible from its stored inputs', async () => {
      const runs = (await call('GET', '/api/indicator/index-runs', 'viewer')).body as unknown as {
        id: string;
        label: string;
      }[];
      const from = runs.find((r) => r.label === 'MSS 2017')!;
      const to = runs.find((r) => r.label === 'MSS 2019')!;
      const movers = await call(
        'GET',
        `/api/indicator/index-runs/movers?from=${from.id}&to=${to.id}&index=status`,
        'viewer',
      );
      const items = movers.body['items'] as unknown as {
        code: string;
        from: { class: string | null };
        to: { class: string | null };
        direction: string;
      }[];
      const c2017 = new Map(
        (
          parse(readFileSync(join(MSS_DIR, 'mss-2017-classes.csv'), 'utf8'), { columns: true }) as {
            id: string;
            status_index: string;
          }[]
        ).map((r) => [r.id, r.status_index]),
      );
      const c2019 = new Map(
        (
          parse(readFileSync(join(MSS_DIR, 'mss-2019-classes.csv'), 'utf8'), { columns: true }) as {
            id: string;
            status_index: string;
          }[]
        ).map((r) => [r.id, r.status_index]),
      );
      const expected = [...c2019]
        .filter(([id, s]) => /^[1-4]$/.test(s) && /^[1-4]$/.test(c2017.get(id) ?? '') && s !== c2017.get(id))
        .map(([id]) => id);
      expect(expected.length).toBeGreaterThan(10);
      const moved = items.filter((i) => i.direction !== 'validity-changed').map((i) => i.code);
      expect(moved.sort()).toEqual(expected.sort());
      const one = items.find((i) => i.direction === 'worse')!;
      expect(Number(one.to.class)).toBeGreaterThan(Number(one.from.class));

      const inputs = await call('GET', `/api/indicator/index-runs/${to.id}/inputs`, 'analyst');
      expect(inputs.body['inputs']).toMatchObject({
        indicators: [
          { code: 'EW' },
          { code: 'S1' },
          { code: 'S3' },
          { code: 'S4' },
          { code: 'D1' },
          { code: 'D3' },
          { code: 'D4' },
        ],
      });
      expect((await call('GET', `/api/indicator/index-runs/${to.id}/inputs`, 'viewer')).status).toBe(403);
      const event = await t.db.query(
        `SELECT envelope->'payload' AS p FROM outbox WHERE type = 'indicator.index.computed' AND envelope->'payload'->>'runId' = $1`,
        [to.id],
      );
      expect(event[0].p).toMatchObject({
        definitionKey: 'berlin-mss-2019',
        period: '2018',
        classCounts: { status: expect.any(Object), dynamics: expect.any(Object) },
      });
    });

    it('shows a planner the class map of their district only, and refuses index runs to readers', async () => {
      const runs = (await call('GET', '/api/indicator/index-runs', 'planer')).body as unknown as {
        id: string;
        label: string;
        definitionId: string;
      }[];
      const run = runs.find((r) => r.label === 'MSS 2019')!;
      const combined = (
        await call('GET', `/api/indicator/index-runs/${run.id}/classes?index=combined`, 'planer')
      ).body;
      const items = combined['items'] as unknown as { code: string; class: string }[];
      expect(items.map((i) => i.code)).toEqual(['X101', 'X102']);
      // The twelve groups of status × dynamics in order, labelled in German and English.
      const groups = combined['classes'] as unknown as { code: string; label: string; labels?: object }[];
      expect(groups.map((g) => g.code)).toEqual([
        '1+',
        '1+/-',
        '1-',
        '2+',
        '2+/-',
        '2-',
        '3+',
        '3+/-',
        '3-',
        '4+',
        '4+/-',
        '4-',
      ]);
      expect(groups[5]).toEqual({
        code: '2-',
        label: 'mittel / negativ',
        labels: { en: 'medium / negative' },
      });
      const all = (await call('GET', `/api/indicator/index-runs/${run.id}/classes?index=combined`, 'viewer'))
        .body['items'] as unknown as { code: string; class: string | null }[];
      expect(all.find((i) => i.code === '01011101')!.class).toBe('2+/-');
      // An area's page: its classes in the newest run at its level, in both languages.
      const stueler = (all as unknown as { areaId: string; code: string }[]).find(
        (i) => i.code === '01011101',
      )!;
      const profile = (await call('GET', `/api/indicator/values/profile?area=${stueler.areaId}`, 'viewer'))
        .body['index'] as unknown as {
        run: { label: string };
        classes: { index: string; code: string; labels?: object }[];
      };
      expect(profile.run.label).toBe('MSS 2019');
      expect(profile.classes.map((c) => [c.index, c.code])).toEqual([
        ['status', '2'],
        ['dynamics', '+/-'],
      ]);
      expect(profile.classes[0].labels).toEqual({ en: 'medium' });
      expect(
        (
          await call('POST', `/api/indicator/index-definitions/${run.definitionId}/runs`, 'viewer', {
            period: '2018',
            level: 'planungsraum',
          })
        ).status,
      ).toBe(403);
      expect((await call('GET', `/api/indicator/index-runs/${run.id}`, 'musterstadt-admin')).status).toBe(
        404,
      );
      const invalid = await call('POST', '/api/indicator/index-definitions', 'admin', {
        definition: { id: 'x', population: 'EW', indices: [] },
      });
      expect(invalid.status).toBe(422);
    });
  });
});
