import { PUBLISHED_VALUES_PER_PART, type EventPayload } from '@quartier/contracts';
import { startServiceTestApp, type ServiceTestApp } from '@quartier/service-kit';
import { INDICATOR_SERVICE } from '../indicator.definition';

const TENANT = 'berlin-demo';
type Published = EventPayload<'indicator.values.published'>;

/** The facts behind `indicator.values.changed`, as the outbox holds them for other services. */
describe('value publication (real PostgreSQL, in-process events)', () => {
  let t: ServiceTestApp;
  // One period of these spans two parts; three periods make six, numbered across periods.
  const AREAS = PUBLISHED_VALUES_PER_PART + 150;
  const codes = Array.from({ length: AREAS }, (_, i) => `P${String(i).padStart(5, '0')}`);
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startServiceTestApp(INDICATOR_SERVICE);
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

  it('publishes every stored value of the changed periods once, period by period in parts of at most 5,000, in columns', async () => {
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

    expect(parts.map((p) => [p.part, p.parts, p.period, p.areaIds.length])).toEqual([
      [1, 6, '2021', PUBLISHED_VALUES_PER_PART],
      [2, 6, '2021', 150],
      [3, 6, '2022', PUBLISHED_VALUES_PER_PART],
      [4, 6, '2022', 150],
      [5, 6, '2023', PUBLISHED_VALUES_PER_PART],
      [6, 6, '2023', 150],
    ]);
    const byId = new Map(Object.entries(ids).map(([code, id]) => [id, code]));
    for (const period of ['2021', '2022', '2023']) {
      const areaIds = parts.filter((p) => p.period === period).flatMap((p) => p.areaIds);
      expect(new Set(areaIds.map((id) => byId.get(id))).size).toBe(AREAS);
      expect(areaIds).toEqual([...areaIds].sort());
    }
    for (const p of parts)
      for (const column of [p.status, p.value, p.numerator, p.denominator])
        expect(column).toHaveLength(p.areaIds.length);
    const part = parts.find((p) => p.period === '2022' && p.areaIds.includes(ids['P00042']))!;
    const at = part.areaIds.indexOf(ids['P00042']);
    expect([part.status[at], part.value[at], part.numerator[at], part.denominator[at]]).toEqual([
      'value',
      42,
      42,
      100,
    ]);
  });
});
