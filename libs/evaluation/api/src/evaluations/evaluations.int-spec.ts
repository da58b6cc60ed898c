import { FixedClock } from '@quartier/service-kit';
import { deliverMeasure, deliverProgramme, TREATED } from '../testing/evidence';
import {
  OTHER_TENANT,
  startEvaluationTestApp,
  TENANT,
  type EvaluationTestApp,
} from '../testing/evaluation-test-app';

const PATH = '/api/evaluation/evaluations';
type Body = Record<string, unknown>;

describe('evaluations (real PostgreSQL, real tokens)', () => {
  let t: EvaluationTestApp;
  let programmeId: string;
  const clock = new FixedClock(new Date('2025-06-02T08:00:00Z'));

  beforeAll(async () => {
    t = await startEvaluationTestApp({ clock });
    programmeId = await deliverProgramme(t, { name: 'Quartiersmanagement (Test)', areas: TREATED });
  });
  afterAll(() => t?.close());

  const create = (user: string, body: Body) => t.call('POST', PATH, user, body);
  const ofProgramme = (title: string) => ({
    title,
    object: { kind: 'programme', programmeId },
    questions: ['Ist die Arbeitslosigkeit in den QM-Gebieten stärker gesunken als in der Stadt?'],
  });

  it('starts an evaluation of a programme with its start year and current areas', async () => {
    const reply = await create('evaluator', ofProgramme('QM-Evaluation 2015–2019'));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      title: 'QM-Evaluation 2015–2019',
      status: 'draft',
      startPeriod: '2015',
      object: {
        kind: 'programme',
        programmeId,
        programmeName: 'Quartiersmanagement (Test)',
        measureId: null,
      },
      questions: ['Ist die Arbeitslosigkeit in den QM-Gebieten stärker gesunken als in der Stadt?'],
      ratings: [],
      unrated: ['relevance', 'coherence', 'effectiveness', 'efficiency', 'impact', 'sustainability'],
      snapshot: null,
      createdBy: 'evaluator',
      createdAt: '2025-06-02T08:00:00.000Z',
      actions: ['submit'],
      editable: true,
    });
    expect(reply.body.object.areas.map((a: Body) => a.code)).toEqual(TREATED);
    const audit = await t.call('GET', `${PATH}/${reply.body.id}/audit`, 'viewer');
    expect(audit.body.items).toEqual([
      {
        action: 'create',
        from: null,
        to: 'draft',
        by: 'evaluator',
        at: '2025-06-02T08:00:00.000Z',
        comment: '',
      },
    ]);
  });

  it('starts evaluations of a measure (from its start) and of chosen areas (start period required)', async () => {
    const measureId = await deliverMeasure(t, { programmeId, title: 'Lernwerkstatt', areas: ['0102'] });
    const measure = await create('evaluator', {
      title: 'Lernwerkstatt',
      object: { kind: 'measure', measureId },
    });
    expect(measure.status).toBe(201);
    expect(measure.body).toMatchObject({
      startPeriod: '2016',
      object: { kind: 'measure', measureId, measureTitle: 'Lernwerkstatt', programmeId },
    });
    const areas = { kind: 'areas', areaIds: [t.areas['0104'], t.areas['0105']] };
    const withoutStart = await create('evaluator', { title: 'Gesundbrunnen', object: areas });
    expect(withoutStart.status).toBe(422);
    expect(withoutStart.body).toMatchObject({
      code: 'InvalidStartPeriod',
      details: { field: 'startPeriod' },
    });
    const chosen = await create('evaluator', { title: 'Gesundbrunnen', object: areas, startPeriod: '2016' });
    expect(chosen.status).toBe(201);
    expect(chosen.body.object.areas.map((a: Body) => a.code)).toEqual(['0104', '0105']);
    // Well-formed, but 2025 has 52 ISO weeks and February no 30th: no period to split at.
    for (const startPeriod of ['2025-W53', '2024-02-30']) {
      const impossible = await create('evaluator', {
        title: `Ab ${startPeriod}`,
        object: areas,
        startPeriod,
      });
      expect(impossible.status).toBe(400);
      expect(impossible.body).toMatchObject({
        code: 'ValidationFailed',
        message: `startPeriod: "${startPeriod}" is not a period: its year has no such day or ISO week`,
      });
    }
  });

  it('lets only evaluators and tenant administrators start one', async () => {
    for (const user of ['viewer', 'planer', 'analyst', 'programm'])
      expect((await create(user, ofProgramme(`Von ${user}`))).status).toBe(403);
    expect((await create('admin', ofProgramme('Von der Verwaltung'))).status).toBe(201);
    expect((await create(undefined as unknown as string, ofProgramme('Anonym'))).status).toBe(401);
  });

  it('names unknown programmes, measures and areas and refuses a title twice', async () => {
    const programme = await create('evaluator', {
      title: 'X',
      object: { kind: 'programme', programmeId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(programme.status).toBe(404);
    expect(programme.body.code).toBe('ProgrammeNotFound');
    const measure = await create('evaluator', {
      title: 'X',
      object: { kind: 'measure', measureId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(measure.body.code).toBe('MeasureNotFound');
    const areas = await create('evaluator', {
      title: 'X',
      startPeriod: '2015',
      object: { kind: 'areas', areaIds: ['00000000-0000-4000-8000-000000000001'] },
    });
    expect(areas.status).toBe(422);
    expect(areas.body.message).toMatch(
      /object\.areaIds: unknown area\(s\) 00000000-0000-4000-8000-000000000001/,
    );
    const badPeriod = await create('evaluator', { ...ofProgramme('Y'), startPeriod: '15' });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.message).toMatch(/^startPeriod: /);
    expect((await create('evaluator', ofProgramme('Doppelt'))).status).toBe(201);
    const twice = await create('evaluator', ofProgramme('Doppelt'));
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('EvaluationExists');
  });

  it('changes questions, findings and recommendations, and rates criteria with justification and evidence', async () => {
    const e = (await create('evaluator', ofProgramme('Inhalte'))).body;
    const patched = await t.call('PATCH', `${PATH}/${e.id}`, 'evaluator', {
      findings: ['Die Arbeitslosigkeit sank in den QM-Gebieten um einen Punkt mehr als in der Stadt.'],
      recommendations: ['Fortführen, mit Schwerpunkt Beschäftigung.'],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.findings).toHaveLength(1);
    const rated = await t.call('PUT', `${PATH}/${e.id}/ratings/effectiveness`, 'evaluator', {
      rating: 2,
      justification: 'DiD der Arbeitslosigkeit −1 Punkt, 95 %-Intervall ohne 0.',
      evidence: [{ kind: 'did', ref: 'U' }],
    });
    expect(rated.status).toBe(200);
    expect(rated.body.ratings).toEqual([
      {
        criterion: 'effectiveness',
        rating: 2,
        justification: 'DiD der Arbeitslosigkeit −1 Punkt, 95 %-Intervall ohne 0.',
        evidence: [{ kind: 'did', ref: 'U' }],
      },
    ]);
    expect(rated.body.successBlockers).toEqual(['impact', 'sustainability']);
    const unknown = await t.call('PUT', `${PATH}/${e.id}/ratings/beauty`, 'evaluator', {
      rating: 1,
      justification: 'schön',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      code: 'InvalidRating',
      message: '"beauty" is not an OECD-DAC criterion',
    });
    const outOfScale = await t.call('PUT', `${PATH}/${e.id}/ratings/impact`, 'evaluator', {
      rating: 5,
      justification: 'x',
    });
    expect(outOfScale.status).toBe(400);
    expect(outOfScale.body.message).toMatch(/^rating: /);
    const blank = await t.call('PUT', `${PATH}/${e.id}/ratings/impact`, 'evaluator', {
      rating: 3,
      justification: '   ',
    });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toMatch(/^justification: must not be blank/);
    for (const user of ['viewer', 'programm', 'planer'])
      expect(
        (await t.call('PUT', `${PATH}/${e.id}/ratings/impact`, user, { rating: 3, justification: 'x' }))
          .status,
      ).toBe(403);
    expect((await t.call('PATCH', `${PATH}/${e.id}`, 'viewer', { title: 'Neu' })).status).toBe(403);
  });

  it('lists evaluations as {items, total} with filters and pages', async () => {
    const measureId = await deliverMeasure(t, { programmeId, title: 'Sprachcafé', areas: ['0101'] });
    for (const body of [
      ofProgramme('Zur Liste'),
      { title: 'Sprachcafé', object: { kind: 'measure', measureId } },
      { title: 'Zentrum', startPeriod: '2016', object: { kind: 'areas', areaIds: [t.areas['0101']] } },
    ])
      expect((await create('evaluator', body)).status).toBe(201);
    const all = await t.call('GET', `${PATH}?limit=2`, 'viewer');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const ofQm = await t.call('GET', `${PATH}?programmeId=${programmeId}&status=draft&limit=100`, 'analyst');
    expect(ofQm.body.items.every((e: Body) => (e.object as Body).programmeId === programmeId)).toBe(true);
    expect(ofQm.body.items.map((e: Body) => e.title)).toEqual(
      expect.arrayContaining(['Zur Liste', 'Sprachcafé']),
    );
    expect(ofQm.body.items.map((e: Body) => e.title)).not.toContain('Zentrum');
    const final = await t.call('GET', `${PATH}?status=final`, 'viewer');
    expect(final.body).toEqual({ items: [], total: 0 });
    expect((await t.call('GET', `${PATH}?status=done`, 'viewer')).status).toBe(400);
  });

  it('answers another tenant with 404, as if the evaluation did not exist', async () => {
    const e = (await create('evaluator', ofProgramme('Geheim'))).body;
    expect((await t.call('GET', `${PATH}/${e.id}`, 'musterstadt-admin')).status).toBe(404);
    expect((await t.call('PATCH', `${PATH}/${e.id}`, 'musterstadt-admin', { title: 'Meins' })).status).toBe(
      404,
    );
    expect((await t.call('GET', `${PATH}/${e.id}/audit`, 'musterstadt-admin')).status).toBe(404);
    expect(
      (await t.call('PUT', `${PATH}/${e.id}/design`, 'musterstadt-admin', { outcomes: [] })).status,
    ).toBe(404);
    const rating = { rating: 1, justification: 'x' };
    expect((await t.call('PUT', `${PATH}/${e.id}/ratings/impact`, 'musterstadt-admin', rating)).status).toBe(
      404,
    );
    expect((await t.call('GET', '/api/evaluation/criteria')).status).toBe(401);
    const theirs = await t.call('GET', PATH, 'musterstadt-admin');
    expect(theirs.body).toEqual({ items: [], total: 0 });
    const foreignProgramme = await create('musterstadt-admin', ofProgramme('Fremd'));
    expect(foreignProgramme.status).toBe(404);
    expect(OTHER_TENANT).toBe('musterstadt');
  });

  it('documents every route with a summary in its OpenAPI document', async () => {
    const docs = await t.call('GET', '/api/evaluation/docs-json');
    expect(docs.status).toBe(200);
    const operations = Object.entries(
      docs.body.paths as Record<string, Record<string, { summary?: string }>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, summary: op.summary })),
    );
    const domain = operations.filter((o) => !/\/(health|metrics|docs)/.test(o.path));
    expect(domain).toHaveLength(18);
    expect(domain.filter((o) => !o.summary)).toEqual([]);
    expect(domain.map((o) => `${o.method.toUpperCase()} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/evaluation/evaluations',
        'PUT /api/evaluation/evaluations/{evaluationId}/ratings/{criterion}',
        'GET /api/evaluation/evaluations/{evaluationId}/results',
        'GET /api/evaluation/evaluations/{evaluationId}/live-comparison',
      ]),
    );
  });

  it('publishes evaluation.created through the outbox', async () => {
    const e = (await create('evaluator', ofProgramme('Mit Ereignis'))).body;
    const rows: { envelope: { key: string; payload: Body } }[] = await t.db.query(
      `SELECT envelope FROM outbox WHERE type = 'evaluation.created'`,
    );
    const event = rows.find((r) => r.envelope.payload.id === e.id);
    expect(event?.envelope.key).toBe(`${TENANT}:${e.id}`);
    expect(event?.envelope.payload).toEqual({
      tenantId: TENANT,
      id: e.id,
      title: 'Mit Ereignis',
      object: 'programme',
      programmeId,
      measureId: null,
      areaIds: [],
      startPeriod: '2015',
      createdBy: 'evaluator',
    });
  });
});

// Each test lists exactly what its evaluator and readers see, and one widens the evaluator's
// assignment: a fresh service each.
describe('programme and area scope of evaluators and readers', () => {
  let t: EvaluationTestApp;
  let own: string;
  let other: string;

  beforeEach(async () => {
    t = await startEvaluationTestApp({ evaluatorScope: 'none' });
    own = await deliverProgramme(t, { name: 'QM Mitte', areas: ['0101', '0102'] });
    other = await deliverProgramme(t, { name: 'QM Kreuzberg', areas: ['0201'] });
    await t.grant(TENANT, 'evaluator', 'evaluator', null, own);
  });
  afterEach(() => t?.close());

  const create = (title: string, object: Body, startPeriod = '2015') =>
    t.call('POST', PATH, 'evaluator', { title, object, startPeriod });

  it('evaluates only the programme the evaluator is assigned to, and sees only its evaluations', async () => {
    expect((await create('Eigene', { kind: 'programme', programmeId: own })).status).toBe(201);
    expect((await create('Fremde', { kind: 'programme', programmeId: other })).status).toBe(403);
    const theirs = (
      await t.call('POST', PATH, 'admin', {
        title: 'Von admin',
        object: { kind: 'programme', programmeId: other },
      })
    ).body;
    expect((await t.call('GET', `${PATH}/${theirs.id}`, 'evaluator')).status).toBe(403);
    expect(
      (
        await t.call('PUT', `${PATH}/${theirs.id}/ratings/impact`, 'evaluator', {
          rating: 2,
          justification: 'x',
        })
      ).status,
    ).toBe(403);
    // Every route of the other programme's evaluation is out of the evaluator's scope.
    for (const [method, path, body] of [
      ['GET', '/audit', undefined],
      ['PATCH', '', { title: 'Übernommen' }],
      ['PUT', '/design', { outcomes: [] }],
      ['POST', '/comparison-adjustments', { action: 'add', areaId: t.areas['0202'], reason: 'x' }],
      ['GET', '/results', undefined],
      ['POST', '/snapshots', undefined],
      ['GET', '/snapshots', undefined],
      ['GET', '/live-comparison', undefined],
      ['POST', '/transitions', { action: 'submit' }],
    ] as const) {
      const reply = await t.call(method, `${PATH}/${theirs.id}${path}`, 'evaluator', body);
      expect([method, path, reply.status, reply.body.code]).toEqual([method, path, 403, 'OutOfScope']);
    }
    const list = await t.call('GET', PATH, 'evaluator');
    expect(list.body.items.map((e: Body) => e.title)).toEqual(['Eigene']);
    const programmes = await t.call('GET', '/api/evaluation/programmes', 'evaluator');
    expect(programmes.body.items.map((p: Body) => p.name)).toEqual(['QM Mitte']);
  });

  it('checks every chosen area against the area scope, with assignments not limited to a programme', async () => {
    expect((await create('Eigene', { kind: 'programme', programmeId: own })).status).toBe(201);
    expect(
      (
        await t.call('POST', PATH, 'admin', {
          title: 'Von admin',
          object: { kind: 'programme', programmeId: other },
        })
      ).status,
    ).toBe(201);
    const mitte = { kind: 'areas', areaIds: [t.areas['0101'], t.areas['0102']] };
    // Assigned to one programme only: chosen areas are no programme's.
    expect((await create('Mitte frei', mitte)).status).toBe(403);
    await t.grant(TENANT, 'evaluator', 'evaluator', t.areas['01']);
    expect((await create('Mitte frei', mitte)).status).toBe(201);
    const mixed = { kind: 'areas', areaIds: [t.areas['0101'], t.areas['0201']] };
    expect((await create('Über die Bezirksgrenze', mixed)).status).toBe(403);
    const kreuzberg = (
      await t.call('POST', PATH, 'admin', {
        title: 'Kreuzberg frei',
        startPeriod: '2015',
        object: { kind: 'areas', areaIds: [t.areas['0201'], t.areas['0202']] },
      })
    ).body;
    // The planner reads in Mitte only: not 'Von admin', QM Kreuzberg's evaluation.
    expect((await t.call('GET', `${PATH}/${kreuzberg.id}`, 'planer')).status).toBe(403);
    const planner = await t.call('GET', PATH, 'planer');
    expect(planner.body.items.map((e: Body) => e.title).sort()).toEqual(['Eigene', 'Mitte frei']);
    expect((await t.call('GET', PATH, 'viewer')).body.total).toBe(4);
  });
});
