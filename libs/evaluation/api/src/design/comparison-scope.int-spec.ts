import { deliverValues, unemployment } from '../testing/evidence';
import {
  OTHER_TENANT,
  startEvaluationTestApp,
  TENANT,
  type EvaluationTestApp,
} from '../testing/evaluation-test-app';

const PATH = '/api/evaluation/evaluations';

// An evaluator whose assignment is limited to Mitte evaluates Mitte's areas: the comparison areas
// a write chooses, adds or drops must lie in Mitte too — Friedrichshain-Kreuzberg (02) is refused.
describe('comparison areas within an evaluator’s district (real PostgreSQL, real tokens)', () => {
  let t: EvaluationTestApp;

  beforeAll(async () => {
    t = await startEvaluationTestApp({ evaluatorScope: 'none' });
    await t.grant(TENANT, 'evaluator', 'evaluator', t.areas['01']);
    await deliverValues(t, 'U', unemployment(), { name: 'Arbeitslosigkeit' });
  });
  afterAll(() => t?.close());

  const evaluation = async (title: string) => {
    const created = await t.call('POST', PATH, 'evaluator', {
      title,
      object: { kind: 'areas', areaIds: [t.areas['0101'], t.areas['0102']] },
      startPeriod: '2015',
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const chosen = async (id: string) =>
    (await t.call('GET', `${PATH}/${id}`, 'admin')).body.design.comparisonAreaIds as string[];

  it('refuses a design that chooses or drops a comparison area in another district', async () => {
    const id = await evaluation('Mitte direkt');
    const put = (user: string, codes: string[]) =>
      t.call('PUT', `${PATH}/${id}/design`, user, {
        outcomes: ['U'],
        comparisonAreaIds: codes.map((c) => t.areas[c]),
      });
    expect(await put('evaluator', ['0104', '0201'])).toMatchObject({
      status: 403,
      body: { code: 'OutOfScope' },
    });
    expect(await chosen(id)).toEqual([]);
    expect((await put('evaluator', ['0104'])).status).toBe(200);
    // Chosen tenant-wide, Kreuzberg's area may stay while the evaluator changes the design…
    expect((await put('admin', ['0104', '0201'])).status).toBe(200);
    expect((await put('evaluator', ['0201', '0104', '0105'])).status).toBe(200);
    // …but not leave it.
    expect(await put('evaluator', ['0104'])).toMatchObject({ status: 403, body: { code: 'OutOfScope' } });
    expect(await chosen(id)).toEqual(['0201', '0104', '0105'].map((c) => t.areas[c]));

    const [{ id: foreign }] = await t.db.query(`SELECT id FROM area_ref WHERE tenant_id = $1 LIMIT 1`, [
      OTHER_TENANT,
    ]);
    const unknown = await t.call('PUT', `${PATH}/${id}/design`, 'evaluator', {
      outcomes: ['U'],
      comparisonAreaIds: [foreign],
    });
    expect(unknown).toMatchObject({
      status: 422,
      body: { code: 'InvalidAreas', message: `comparisonAreaIds: unknown area(s) ${foreign}` },
    });
  });

  it('refuses adding or dropping a comparison area of another district by hand', async () => {
    const id = await evaluation('Mitte angepasst');
    expect(
      (
        await t.call('PUT', `${PATH}/${id}/design`, 'admin', {
          outcomes: ['U'],
          comparisonAreaIds: [t.areas['0104'], t.areas['0202']],
        })
      ).status,
    ).toBe(200);
    const adjust = (action: 'add' | 'drop', code: string) =>
      t.call('POST', `${PATH}/${id}/comparison-adjustments`, 'evaluator', {
        action,
        areaId: t.areas[code],
        reason: 'ähnliche Lage',
      });
    expect(await adjust('add', '0201')).toMatchObject({ status: 403, body: { code: 'OutOfScope' } });
    expect(await adjust('drop', '0202')).toMatchObject({ status: 403, body: { code: 'OutOfScope' } });
    const adjustments = async () => (await t.call('GET', `${PATH}/${id}`, 'admin')).body.design.adjustments;
    expect(await adjustments()).toEqual([]);
    expect((await adjust('add', '0105')).status).toBe(201);
    expect((await adjustments()).map((a: { areaId: string }) => a.areaId)).toEqual([t.areas['0105']]);
  });
});
