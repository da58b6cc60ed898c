import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAC_CRITERIA, parseSnapshot, recomputeEvaluation } from '@quartier/evaluation-core';
import { FixedClock } from '@quartier/service-kit';
import { childPoverty, deliverProgramme, deliverValues, TREATED, unemployment } from '../testing/evidence';
import { startEvaluationTestApp, TENANT, type EvaluationTestApp } from '../testing/evaluation-test-app';

const PATH = '/api/evaluation/evaluations';
type Body = ReturnType<typeof JSON.parse>;
const DESIGN = { outcomes: ['U', 'K'], matching: { on: ['U', 'K'], k: 2 } };

describe('frozen evidence and the workflow (real PostgreSQL, real tokens)', () => {
  let t: EvaluationTestApp;
  let programmeId: string;
  const start = new Date('2025-09-01T07:00:00Z');
  const clock = new FixedClock(start);

  beforeAll(async () => {
    t = await startEvaluationTestApp({ clock });
    await deliverValues(t, 'U', unemployment(), { name: 'Arbeitslosigkeit' });
    await deliverValues(t, 'K', childPoverty(), { name: 'Kinderarmut' });
    programmeId = await deliverProgramme(t, { name: 'QM', areas: TREATED });
  });
  afterAll(() => t?.close());
  // Tests move the clock on: each starts at the same instant.
  beforeEach(() => clock.set(start));

  const evaluation = async (title: string, design: Body = DESIGN, programme = programmeId) => {
    const e = (
      await t.call('POST', PATH, 'evaluator', {
        title,
        object: { kind: 'programme', programmeId: programme },
      })
    ).body;
    await t.call('PUT', `${PATH}/${e.id}/design`, 'evaluator', design);
    return e.id as string;
  };
  const results = async (id: string) => (await t.call('GET', `${PATH}/${id}/results`, 'viewer')).body;
  const step = (id: string, user: string, action: string, comment?: string) =>
    t.call('POST', `${PATH}/${id}/transitions`, user, { action, ...(comment ? { comment } : {}) });
  const rateAll = async (id: string) => {
    for (const { code } of DAC_CRITERIA)
      await t.call('PUT', `${PATH}/${id}/ratings/${code}`, 'evaluator', {
        rating: 2,
        justification: `Begründung ${code}`,
        evidence: [{ kind: 'did', ref: 'U' }],
      });
  };

  it('freezes every input as a snapshot with a content hash and computes the numbers from it', async () => {
    const id = await evaluation('Eingefroren');
    const live = await results(id);
    expect((await t.call('POST', `${PATH}/${id}/snapshots`, 'viewer')).status).toBe(403);
    const taken = await t.call('POST', `${PATH}/${id}/snapshots`, 'evaluator');
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({
      hash: live.evidenceHash,
      takenAt: '2025-09-01T07:00:00.000Z',
      takenBy: 'evaluator',
      areaCount: 12,
      current: true,
    });
    // U and K before and after in 12 areas over 7 periods (the baseline is one of them).
    expect(taken.body.valueCount).toBe(2 * 12 * 7);
    const frozen = await results(id);
    expect(frozen).toMatchObject({ source: 'snapshot', evidenceHash: taken.body.hash, snapshot: taken.body });
    expect(frozen.numbers).toEqual(live.numbers);
    const document = await t.call('GET', `${PATH}/${id}/snapshots/${taken.body.id}/document`, 'evaluator');
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toMatch(/^application\/json/);
    expect(document.body).toMatchObject({
      hash: taken.body.hash,
      content: { schema: 'quartier.evaluation.evidence', version: 2, evaluation: id, tenant: TENANT },
    });
    expect(document.body.content.design.treated).toEqual(TREATED);
    // Anyone holding the document gets the same numbers from the core alone.
    expect(frozen.numbers).toEqual(
      JSON.parse(JSON.stringify(recomputeEvaluation(parseSnapshot(document.body)))),
    );
    expect((await t.call('GET', `${PATH}/${id}/snapshots/${taken.body.id}/document`, 'viewer')).status).toBe(
      403,
    );
    const event: { envelope: { payload: Body } }[] = await t.db.query(
      `SELECT envelope FROM outbox WHERE type = 'evaluation.snapshot-taken' AND envelope->'payload'->>'evaluationId' = $1`,
      [id],
    );
    expect(event.map((e) => e.envelope.payload)).toEqual([
      {
        tenantId: TENANT,
        evaluationId: id,
        snapshotId: taken.body.id,
        hash: taken.body.hash,
        takenAt: '2025-09-01T07:00:00.000Z',
        takenBy: 'evaluator',
        areaCount: 12,
        valueCount: 168,
        indicators: ['K', 'U'],
        periods: ['2013', '2014', '2015', '2016', '2017', '2018', '2019'],
      },
    ]);
  });

  it('keeps every number identical after new imports, and lists what changed since', async () => {
    // The revised import and the grown programme are this test's own: a copy of unemployment
    // (UR) and a programme of its own, which no other test reads.
    await deliverValues(t, 'UR', unemployment(), { name: 'Arbeitslosigkeit' });
    const grown = await deliverProgramme(t, { name: 'QM wachsend', areas: TREATED });
    const id = await evaluation(
      'Reproduzierbar',
      { outcomes: ['UR', 'K'], matching: { on: ['UR', 'K'], k: 2 } },
      grown,
    );
    const taken = (await t.call('POST', `${PATH}/${id}/snapshots`, 'evaluator')).body;
    const before = await results(id);
    expect((await t.call('GET', `${PATH}/${id}/live-comparison`, 'viewer')).body).toMatchObject({
      identical: true,
      values: { changed: [], added: [], removed: [], unchanged: 168, changedDefinitions: [] },
      treatedAreas: { added: [], removed: [] },
    });
    // A revised import: unemployment 2019 rises everywhere, 2020 arrives, the programme grows.
    const revised = unemployment(99).filter((v) => v.period === '2019' || v.period === '2018');
    const next = revised.filter((v) => v.period === '2019').map((v) => ({ ...v, period: '2020' }));
    await deliverValues(t, 'UR', [...revised, ...next], {
      name: 'Arbeitslosigkeit (revidiert)',
      definitionVersion: 2,
    });
    await deliverProgramme(t, { id: grown, name: 'QM wachsend', areas: [...TREATED, '0104'] });
    const after = await results(id);
    expect(after.numbers).toEqual(before.numbers);
    expect(after.evidenceHash).toBe(taken.hash);
    const diff = (await t.call('GET', `${PATH}/${id}/live-comparison`, 'viewer')).body;
    expect(diff.identical).toBe(false);
    expect(diff.values.changed).toHaveLength(24);
    expect(diff.values.changed[0]).toMatchObject({ area: '0101', indicator: 'UR', period: '2018' });
    expect(diff.values.changed[0].live.numerator).not.toBe(diff.values.changed[0].snapshot.numerator);
    expect(diff.values.added).toEqual([]);
    expect(diff.values.changedDefinitions).toEqual(['UR']);
    expect(diff.treatedAreas).toEqual({ added: ['0104'], removed: [] });
    // The same design computed live now differs: the snapshot really is what kept the numbers.
    await t.call('PATCH', `${PATH}/${id}`, 'evaluator', { startPeriod: '2016' });
    await t.call('PATCH', `${PATH}/${id}`, 'evaluator', { startPeriod: '2015' });
    const live = await results(id);
    expect(live.source).toBe('live');
    expect(live.evidenceHash).not.toBe(taken.hash);
    expect(live.numbers.outcomes[0].did.estimate).not.toBe(before.numbers.outcomes[0].did.estimate);
  });

  it('notices a stored snapshot that was changed after it was taken', async () => {
    const id = await evaluation('Manipuliert');
    const taken = (await t.call('POST', `${PATH}/${id}/snapshots`, 'evaluator')).body;
    const [{ document }] = await t.db.query(`SELECT document FROM evaluation_snapshot WHERE id = $1`, [
      taken.id,
    ]);
    const stored = JSON.parse(document);
    stored.content.values[0].value += 1;
    await t.db.query(`UPDATE evaluation_snapshot SET document = $2 WHERE id = $1`, [
      taken.id,
      JSON.stringify(stored),
    ]);
    const reply = await t.call('GET', `${PATH}/${id}/results`, 'viewer');
    expect(reply.status).toBe(500);
    expect(reply.body.code).toBe('InvalidSnapshot');
    expect(reply.body.message).toMatch(/does not match its hash/);
  });

  it('answers a snapshot frozen in version 1 with the numbers it was frozen with', async () => {
    // A document written by the build before the event study kept to each outcome's period kind,
    // with the numbers that build answered (the core's fixture).
    const fixture = (name: string) =>
      readFileSync(join(__dirname, '../../../core/src/testing/fixtures', name), 'utf8');
    const document = fixture('snapshot-v1-mixed-kinds.json');
    const { hash } = JSON.parse(document);
    const id = await evaluation('Version 1');
    const taken = (await t.call('POST', `${PATH}/${id}/snapshots`, 'evaluator')).body;
    await t.db.query(`UPDATE evaluation_snapshot SET document = $2, hash = $3 WHERE id = $1`, [
      taken.id,
      document,
      hash,
    ]);
    const frozen = await results(id);
    expect(frozen).toMatchObject({
      source: 'snapshot',
      evidenceHash: hash,
      pre: expect.arrayContaining(['2023Q4']),
    });
    expect(frozen.numbers).toEqual(JSON.parse(fixture('snapshot-v1-mixed-kinds.numbers.json')));
    const stored = await t.call('GET', `${PATH}/${id}/snapshots/${taken.id}/document`, 'evaluator');
    expect(stored.body).toEqual(JSON.parse(document));
  });

  it('lets a design change release the snapshot, keeping the snapshot history', async () => {
    const id = await evaluation('Neu entworfen');
    const first = (await t.call('POST', `${PATH}/${id}/snapshots`, 'evaluator')).body;
    const changed = await t.call('PUT', `${PATH}/${id}/design`, 'evaluator', { ...DESIGN, outcomes: ['U'] });
    expect(changed.body.snapshot).toBeNull();
    expect((await results(id)).source).toBe('live');
    expect((await t.call('GET', `${PATH}/${id}/live-comparison`, 'viewer')).body.code).toBe('NoSnapshot');
    clock.set(new Date('2025-09-02T07:00:00Z'));
    const second = (await t.call('POST', `${PATH}/${id}/snapshots`, 'evaluator')).body;
    const list = await t.call('GET', `${PATH}/${id}/snapshots`, 'viewer');
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((s: Body) => [s.id, s.current])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);
    expect(second.hash).not.toBe(first.hash);
  });

  it('runs draft → in-review → final with the roles, the four-eyes rule and the snapshot the core asks for', async () => {
    const id = await evaluation('Abschluss');
    const early = await step(id, 'evaluator', 'submit');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'InvalidTransition', details: { unrated: expect.any(Array) } });
    await rateAll(id);
    clock.set(new Date('2025-09-03T09:00:00Z'));
    const submitted = await step(id, 'evaluator', 'submit', 'Bitte prüfen');
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'in-review',
      submittedBy: 'evaluator',
      actions: ['return'],
    });
    expect((await step(id, 'evaluator', 'finalise')).body.code).toBe('TransitionForbidden');
    expect((await step(id, 'viewer', 'return')).status).toBe(403);
    const noSnapshot = await step(id, 'programm', 'finalise');
    expect(noSnapshot.status).toBe(409);
    expect(noSnapshot.body.message).toMatch(/frozen evidence snapshot/);
    const returned = await step(id, 'programm', 'return', 'Snapshot fehlt');
    expect(returned.body.status).toBe('draft');
    const snapshot = (await t.call('POST', `${PATH}/${id}/snapshots`, 'evaluator')).body;
    await step(id, 'admin', 'submit');
    expect((await step(id, 'admin', 'finalise')).body.message).toMatch(/four-eyes/);
    clock.set(new Date('2025-09-04T09:00:00Z'));
    const final = await step(id, 'programm', 'finalise', 'Abgenommen');
    expect(final.status).toBe(201);
    expect(final.body).toMatchObject({
      status: 'final',
      finalisedBy: 'programm',
      finalisedAt: '2025-09-04T09:00:00.000Z',
      actions: [],
      editable: false,
    });
    const audit = (await t.call('GET', `${PATH}/${id}/audit`, 'viewer')).body.items;
    expect(audit.map((e: Body) => [e.action, e.from, e.to, e.by, e.comment])).toEqual([
      ['create', null, 'draft', 'evaluator', ''],
      ['submit', 'draft', 'in-review', 'evaluator', 'Bitte prüfen'],
      ['return', 'in-review', 'draft', 'programm', 'Snapshot fehlt'],
      ['submit', 'draft', 'in-review', 'admin', ''],
      ['finalise', 'in-review', 'final', 'programm', 'Abgenommen'],
    ]);
    const events: { envelope: { payload: Body } }[] = await t.db.query(
      `SELECT envelope FROM outbox WHERE type = 'evaluation.finalised'`,
    );
    expect(events.map((e) => e.envelope.payload)).toEqual([
      {
        tenantId: TENANT,
        id,
        title: 'Abschluss',
        programmeId,
        measureId: null,
        snapshotId: snapshot.id,
        snapshotHash: snapshot.hash,
        ratings: DAC_CRITERIA.map(({ code }) => ({ criterion: code, rating: 2 })),
        finalisedAt: '2025-09-04T09:00:00.000Z',
        finalisedBy: 'programm',
      },
    ]);
    // Final is frozen: no content, design, rating, snapshot or workflow change.
    for (const [method, path, body] of [
      ['PATCH', '', { title: 'Anders' }],
      ['PUT', '/design', DESIGN],
      ['PUT', '/ratings/impact', { rating: 1, justification: 'x' }],
      ['POST', '/snapshots', undefined],
      ['POST', '/transitions', { action: 'return' }],
    ] as const) {
      const refused = await t.call(
        method,
        `${PATH}/${id}${path}`,
        method === 'POST' && path === '/transitions' ? 'programm' : 'evaluator',
        body,
      );
      expect([path, refused.status, refused.body.code]).toEqual([path, 409, 'EvaluationFrozen']);
    }
    expect((await results(id)).source).toBe('snapshot');
  });

  it('answers another tenant with 404 on every snapshot route', async () => {
    const id = await evaluation('Mandant');
    const snapshot = (await t.call('POST', `${PATH}/${id}/snapshots`, 'evaluator')).body;
    for (const [method, path] of [
      ['POST', '/snapshots'],
      ['GET', '/snapshots'],
      ['GET', `/snapshots/${snapshot.id}/document`],
      ['GET', '/live-comparison'],
      ['GET', '/results'],
      ['POST', '/transitions'],
    ] as const) {
      const reply = await t.call(
        method,
        `${PATH}/${id}${path}`,
        'musterstadt-admin',
        method === 'POST' && path === '/transitions' ? { action: 'submit' } : undefined,
      );
      expect([path, reply.status]).toEqual([path, 404]);
    }
  });
});
