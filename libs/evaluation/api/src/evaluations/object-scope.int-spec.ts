import {
  childPoverty,
  deliverMeasure,
  deliverProgramme,
  deliverValues,
  unemployment,
} from '../testing/evidence';
import {
  PLANNING_AREAS,
  startEvaluationTestApp,
  TENANT,
  type EvaluationTestApp,
} from '../testing/evaluation-test-app';

const PATH = '/api/evaluation/evaluations';
type Body = ReturnType<typeof JSON.parse>;

const outOfScope = (code: string) => ({
  status: 403,
  body: { code: 'OutOfScope', message: `area ${code} is outside the area scope of your role assignments` },
});

/** The service with the Mitte evaluator, programmes in, across and outside Mitte, and a measure outside. */
async function startDistricts() {
  const t = await startEvaluationTestApp({ evaluatorScope: 'none' });
  await t.grant(TENANT, 'evaluator', 'evaluator', t.areas['01']);
  const mitte = await deliverProgramme(t, { name: 'QM Mitte', areas: ['0101', '0102', '0103'] });
  const kreuzberg = await deliverProgramme(t, { name: 'QM Kreuzberg', areas: ['0201', '0202'] });
  const across = await deliverProgramme(t, { name: 'QM übergreifend', areas: ['0104', '0203'] });
  const measureInKreuzberg = await deliverMeasure(t, {
    programmeId: mitte,
    title: 'Nachbarschaftscafé Wrangelkiez',
    areas: ['0206'],
  });
  return { t, mitte, kreuzberg, across, measureInKreuzberg };
}

const createIn = (t: EvaluationTestApp, user: string, title: string, object: Body) =>
  t.call('POST', PATH, user, { title, object, startPeriod: '2015' });
const titlesIn = async (t: EvaluationTestApp, user: string) =>
  ((await t.call('GET', `${PATH}?limit=100`, user)).body.items as Body[]).map((e) => e.title).sort();

// An evaluator whose assignment is limited to Mitte (01), not to a programme: a programme's or
// measure's evaluation is theirs only where every area it evaluates lies in Mitte, and the design
// they save has matching find comparison areas in Mitte too, for every reader.
// Friedrichshain-Kreuzberg (02) is outside.
describe('evaluated and matched areas within an evaluator’s district (real PostgreSQL, real tokens)', () => {
  let t: EvaluationTestApp;
  let mitte: string;
  let kreuzberg: string;
  let across: string;
  let measureInKreuzberg: string;

  beforeAll(async () => {
    ({ t, mitte, kreuzberg, across, measureInKreuzberg } = await startDistricts());
    await deliverValues(t, 'U', unemployment(), { name: 'Arbeitslosigkeit' });
    await deliverValues(t, 'K', childPoverty(), { name: 'Kinderarmut' });
  });
  afterAll(() => t?.close());

  const create = (user: string, title: string, object: Body) => createIn(t, user, title, object);

  it('refuses creating an evaluation of a programme or measure with an area outside the district', async () => {
    expect(
      await create('evaluator', 'Kreuzberg', { kind: 'programme', programmeId: kreuzberg }),
    ).toMatchObject(outOfScope('0201'));
    expect(
      await create('evaluator', 'Übergreifend', { kind: 'programme', programmeId: across }),
    ).toMatchObject(outOfScope('0203'));
    expect(
      await create('evaluator', 'Café', { kind: 'measure', measureId: measureInKreuzberg }),
    ).toMatchObject(outOfScope('0206'));
    // Nothing of the refused is stored (other tests' evaluations may be).
    const stored = await titlesIn(t, 'admin');
    for (const title of ['Kreuzberg', 'Übergreifend', 'Café']) expect(stored).not.toContain(title);
    expect((await create('evaluator', 'Mitte', { kind: 'programme', programmeId: mitte })).status).toBe(201);
    // Tenant-wide, the same evaluations are created.
    for (const [title, object] of [
      ['Kreuzberg', { kind: 'programme', programmeId: kreuzberg }],
      ['Übergreifend', { kind: 'programme', programmeId: across }],
      ['Café', { kind: 'measure', measureId: measureInKreuzberg }],
    ] as const)
      expect((await create('admin', title, object)).status).toBe(201);
  });

  it('refuses changing an evaluation once its programme has an area outside the district', async () => {
    const grown = await deliverProgramme(t, { name: 'QM Moabit', areas: ['0102'] });
    const { id } = (await create('evaluator', 'Moabit', { kind: 'programme', programmeId: grown })).body;
    expect((await t.call('PATCH', `${PATH}/${id}`, 'evaluator', { title: 'Moabit 2015' })).status).toBe(200);
    await deliverProgramme(t, { id: grown, name: 'QM Moabit', areas: ['0102', '0204'] });
    for (const [method, path, body] of [
      ['PATCH', '', { title: 'Moabit und Boxhagen' }],
      ['PUT', '/design', { outcomes: ['U'] }],
      ['PUT', '/ratings/impact', { rating: 2, justification: 'x' }],
      ['POST', '/snapshots', undefined],
    ] as const) {
      const reply = await t.call(method, `${PATH}/${id}${path}`, 'evaluator', body);
      expect([method, path, reply.status, reply.body]).toEqual([
        method,
        path,
        403,
        expect.objectContaining({ code: 'OutOfScope', message: expect.stringContaining('area 0204') }),
      ]);
    }
    const stored = (await t.call('GET', `${PATH}/${id}`, 'admin')).body;
    expect(stored).toMatchObject({ title: 'Moabit 2015', design: { outcomes: [] }, snapshot: null });
    expect((await t.call('PATCH', `${PATH}/${id}`, 'admin', { title: 'Moabit und Boxhagen' })).status).toBe(
      200,
    );
  });

  it('fixes the comparison pool with the design: every reader sees the evaluator’s matching', async () => {
    const treated = ['0101', '0102', '0103'];
    const inMitte = ['0104', '0105', '0106'];
    const { id } = (await create('evaluator', 'Mitte gematcht', { kind: 'programme', programmeId: mitte }))
      .body;
    const design = (user: string, k: number) =>
      t.call('PUT', `${PATH}/${id}/design`, user, { outcomes: ['U'], matching: { on: ['U', 'K'], k } });
    const results = async (user: string) => {
      const reply = await t.call('GET', `${PATH}/${id}/results`, user);
      expect([user, reply.status]).toEqual([user, 200]);
      return reply.body as Body;
    };
    const comparison = (body: Body) =>
      (body.areas as Body[]).filter((a) => a.role === 'comparison').map((a) => a.code);
    const mittePool = { areaIds: [t.areas['01']], areas: [{ id: t.areas['01'], code: '01', name: 'Mitte' }] };

    // The Mitte evaluator's design fixes a Mitte pool.
    const saved = await design('evaluator', 2);
    expect(saved.status).toBe(200);
    expect(saved.body.comparisonPool).toEqual(mittePool);
    const own = await results('evaluator');
    expect(own.comparisonPool).toEqual(mittePool);
    expect(own.numbers.matching.candidates).toEqual(inMitte);
    for (const pair of own.numbers.matching.pairs) expect(inMitte).toContain(pair.comparison);

    // City-wide readers see the same matching and numbers as the evaluator, live.
    for (const reader of ['viewer', 'analyst']) {
      const theirs = await results(reader);
      expect(theirs.source).toBe('live');
      expect(theirs.comparisonPool).toEqual(mittePool);
      expect(theirs.numbers.matching).toEqual(own.numbers.matching);
      expect(comparison(theirs)).toEqual(comparison(own));
      expect(theirs.evidenceHash).toBe(own.evidenceHash);
      expect(theirs.numbers.outcomes).toEqual(own.numbers.outcomes);
    }

    // A tenant-wide admin's drop is checked against the same matched set, and every reader sees it.
    const dropped = own.numbers.matching.pairs[0].comparison as string;
    const drop = await t.call('POST', `${PATH}/${id}/comparison-adjustments`, 'admin', {
      action: 'drop',
      areaId: t.areas[dropped],
      reason: 'Sanierungsgebiet',
    });
    expect([drop.status, drop.body.comparisonPool]).toEqual([201, mittePool]);
    const afterDrop = comparison(await results('evaluator'));
    expect(afterDrop).not.toContain(dropped);
    expect(comparison(await results('viewer'))).toEqual(afterDrop);

    // The snapshot freezes that pool: every reader sees the same comparison areas.
    expect((await t.call('POST', `${PATH}/${id}/snapshots`, 'evaluator')).status).toBe(201);
    const frozen = await results('viewer');
    expect(frozen.source).toBe('snapshot');
    expect(frozen.numbers.matching.candidates).toEqual(inMitte);
    expect(frozen.comparisonPool).toEqual(mittePool);
    expect(comparison(frozen)).toEqual(afterDrop);

    // Four neighbours each: the Mitte pool has three candidates, whoever reads.
    expect((await design('evaluator', 4)).status).toBe(200);
    for (const reader of ['evaluator', 'viewer'])
      expect((await results(reader)).numbers.matching).toMatchObject({
        error: { code: 'NotEnoughCandidatesInPool', details: { candidates: 3, k: 4 } },
      });

    // The admin saving the design widens the pool to the city: nine candidates, for everyone.
    const widened = await design('admin', 4);
    expect([widened.status, widened.body.comparisonPool]).toEqual([200, null]);
    for (const reader of ['evaluator', 'viewer']) {
      const body = await results(reader);
      expect(body.comparisonPool).toBeNull();
      expect(body.numbers.matching.candidates).toEqual(PLANNING_AREAS.filter((c) => !treated.includes(c)));
      expect(body.numbers.matching.pairs).toHaveLength(12);
    }
  });
});

// The same district evaluator; readers list every evaluation of the tenant, and one test widens the
// planner's assignment: a service of its own.
describe('evaluations listed and shown within a reader’s district (real PostgreSQL, real tokens)', () => {
  let t: EvaluationTestApp;
  let mitte: string;
  let kreuzberg: string;
  let across: string;
  let measureInKreuzberg: string;

  beforeAll(async () => {
    ({ t, mitte, kreuzberg, across, measureInKreuzberg } = await startDistricts());
  });
  afterAll(() => t?.close());

  it('neither lists nor shows evaluations of areas outside the reader’s district', async () => {
    const moabit = await deliverProgramme(t, { name: 'QM Moabit', areas: ['0102', '0204'] });
    expect((await createIn(t, 'evaluator', 'Mitte', { kind: 'programme', programmeId: mitte })).status).toBe(
      201,
    );
    for (const [title, object] of [
      ['Kreuzberg', { kind: 'programme', programmeId: kreuzberg }],
      ['Übergreifend', { kind: 'programme', programmeId: across }],
      ['Café', { kind: 'measure', measureId: measureInKreuzberg }],
      ['Moabit und Boxhagen', { kind: 'programme', programmeId: moabit }],
    ] as const)
      expect((await createIn(t, 'admin', title, object)).status).toBe(201);
    const titles = (user: string) => titlesIn(t, user);
    const admin = (await t.call('GET', `${PATH}?limit=100`, 'admin')).body.items as Body[];
    const id = (title: string) => admin.find((e) => e.title === title).id as string;
    expect(await titles('evaluator')).toEqual(['Mitte']);
    // The planner reads in Mitte only.
    expect(await titles('planer')).toEqual(['Mitte']);
    for (const title of ['Kreuzberg', 'Übergreifend', 'Café', 'Moabit und Boxhagen'])
      for (const route of ['', '/results'])
        expect((await t.call('GET', `${PATH}/${id(title)}${route}`, 'planer')).body.code).toBe('OutOfScope');
    // Kreuzberg's areas for the Kreuzberg programme only: 0203 of the other programme stays out.
    await t.grant(TENANT, 'planer', 'planner', t.areas['02'], kreuzberg);
    expect(await titles('planer')).toEqual(['Kreuzberg', 'Mitte']);
    expect((await t.call('GET', `${PATH}/${id('Kreuzberg')}`, 'planer')).status).toBe(200);
    expect((await t.call('GET', `${PATH}/${id('Übergreifend')}`, 'planer')).status).toBe(403);
    expect(await titles('viewer')).toEqual([
      'Café',
      'Kreuzberg',
      'Mitte',
      'Moabit und Boxhagen',
      'Übergreifend',
    ]);
  });
});
