import type { EventPayload } from '@quartier/contracts';
import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { IndicatorApiModule } from '../indicator-api.module';
import { INDICATOR_SERVICE } from '../indicator.definition';
import { PUBLICATION_PART_SIZE } from './fact-publication.handler';

const TENANT = 'berlin-demo';
type Published = EventPayload<'indicator.values.published'>;

/** The facts behind `indicator.values.changed`, as the outbox holds them for other services. */
describe('value publication (real PostgreSQL, in-process events)', () => {
  let t: ServiceTestApp;
  // One period of these spans two parts; three periods make six, numbered across periods.
  const AREAS = PUBLICATION_PART_SIZE + 150;
  const codes = Array.from({ length: AREAS }, (_, i) => `P${String(i).padStart(5, '0')}`);
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startServiceTestApp({
      service: 'indicator',
      module: (rt) => IndicatorApiModule.forRoot(rt),
      moduleClass: IndicatorApiModule,
      streamedBodyPaths: INDICATOR_SERVICE.streamedBodyPaths,
    });
    ids = await t.seedAreas(TENANT, [
      { code: 'B', level: 'bezirk', name: 'Bezirk' },
      ...codes.map((code) => ({ code, level: 'planungsraum', parent: 'B', name: code })),
    ]);
    const created = await t.call('POST', '/api/indicator/indicators', 'admin', {
      code: 'PUB',
      name: { de: 'Veröffentlicht', en: 'Published' },
      unit: '%',
      polarity: 'neutral',
      periodicity: 'year',
    });
    expect(created).toMatchObject({ status: 201 });
  }, 180_000);
  afterAll(() => t?.close());

  const published = async () =>
    (
      (await t.db.query(
        `SELECT envelope FROM outbox WHERE type = 'indicator.values.published' ORDER BY position`,
      )) as { envelope: { payload: Published } }[]
    ).map((r) => r.envelope.payload);

  it('publishes every stored value of the changed periods once, period by period in parts of at most 2,000', async () => {
    let csv = 'area,period,indicator,value,numerator,denominator\n';
    codes.forEach((code, i) => {
      for (const period of ['2022', '2021', '2023']) csv += `${code},${period},PUB,${i % 50},${i % 50},100\n`;
    });
    const started = await t.call(
      'POST',
      '/api/indicator/imports?format=csv',
      'admin',
      csv,
      'application/octet-stream',
    );
    expect(started.status).toBe(202);
    const deadline = Date.now() + 60_000;
    let parts: Published[] = [];
    while (Date.now() < deadline) {
      parts = await published();
      if (parts.length > 0 && parts.length === parts[0].parts) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    expect(parts.map((p) => [p.part, p.parts, p.values.length])).toEqual([
      [1, 6, PUBLICATION_PART_SIZE],
      [2, 6, 150],
      [3, 6, PUBLICATION_PART_SIZE],
      [4, 6, 150],
      [5, 6, PUBLICATION_PART_SIZE],
      [6, 6, 150],
    ]);
    const values = parts.flatMap((p) => p.values);
    expect(values.map((v) => v.period)).toEqual(
      ['2021', '2022', '2023'].flatMap((period) => codes.map(() => period)),
    );
    const byId = new Map(Object.entries(ids).map(([code, id]) => [id, code]));
    for (const period of ['2021', '2022', '2023']) {
      const ofPeriod = values.filter((v) => v.period === period);
      expect(new Set(ofPeriod.map((v) => byId.get(v.areaId))).size).toBe(AREAS);
      const areaIds = ofPeriod.map((v) => v.areaId);
      expect(areaIds).toEqual([...areaIds].sort());
    }
    const first = values.find((v) => v.areaId === ids['P00042'] && v.period === '2022');
    expect(first).toEqual({
      areaId: ids['P00042'],
      period: '2022',
      status: 'value',
      value: 42,
      numerator: 42,
      denominator: 100,
    });
  });
});
