import { FixedClock } from '@quartier/service-kit';
import {
  childPoverty,
  deliverNetworkWave,
  deliverProgramme,
  deliverSurveyWave,
  deliverValues,
  TREATED,
  unemployment,
  type FixtureValue,
} from '../testing/evidence';
import {
  PLANNING_AREAS,
  startEvaluationTestApp,
  type EvaluationTestApp,
} from '../testing/evaluation-test-app';

const PATH = '/api/evaluation/evaluations';
type Body = ReturnType<typeof JSON.parse>;

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const ratioOfSums = (cells: FixtureValue[]) =>
  (100 * cells.reduce((s, c) => s + c.numerator!, 0)) / cells.reduce((s, c) => s + c.denominator!, 0);

describe('evaluation designs computed from live data (real PostgreSQL, real tokens)', () => {
  let t: EvaluationTestApp;
  let programmeId: string;
  /** The programme's evaluation with `design`: read by the tests, changed by none. */
  let id: string;
  const clock = new FixedClock(new Date('2025-06-02T08:00:00Z'));
  const U = unemployment();
  const K = childPoverty();
  const design = {
    outcomes: ['U'],
    matching: { on: ['U', 'K'], k: 2 },
  };
  const network = '7a1c1a52-55a4-4e1c-9a4b-0b1a2c3d4e5f';

  /** An evaluation of the programme of its own, with `withDesign` saved if given. */
  const evaluationOfProgramme = async (title: string, withDesign?: Body) => {
    const created = await t.call('POST', PATH, 'evaluator', {
      title,
      object: { kind: 'programme', programmeId },
    });
    expect(created.status).toBe(201);
    if (withDesign)
      expect((await t.call('PUT', `${PATH}/${created.body.id}/design`, 'evaluator', withDesign)).status).toBe(
        200,
      );
    return created.body.id as string;
  };

  beforeAll(async () => {
    t = await startEvaluationTestApp({ clock });
    await deliverValues(t, 'U', U, { name: 'Arbeitslosigkeit' });
    await deliverValues(t, 'K', K, { name: 'Kinderarmut' });
    // The tenant's survey and network waves: shown by one design, offered as evidence sources.
    await deliverSurveyWave(t, {
      surveyId: '5f0e9b3e-4a8f-4a46-9d1b-1d2a3b4c5d6e',
      period: '2016-10-31',
      item: 'survey.sicher_nachts',
      measure: 'topTwoBox',
      values: { '0101': [0.41, 120], '0102': [0.52, 95] },
      suppressed: ['0103'],
    });
    await deliverSurveyWave(t, {
      surveyId: '5f0e9b3e-4a8f-4a46-9d1b-1d2a3b4c5d6e',
      period: '2018-10-31',
      item: 'survey.sicher_nachts',
      measure: 'topTwoBox',
      values: { '0101': [0.47, 133], '0102': [0.5, 101], '0103': [0.39, 12] },
      suppressed: [],
    });
    await deliverNetworkWave(t, {
      networkId: network,
      period: '2016',
      area: '01',
      scope: 'network',
      metrics: { density: 0.12, isolates: 4 },
    });
    await deliverNetworkWave(t, {
      networkId: network,
      period: '2018',
      area: '01',
      scope: 'network',
      metrics: { density: 0.19, isolates: 1 },
    });
    programmeId = await deliverProgramme(t, { name: 'QM', areas: TREATED });
    id = await evaluationOfProgramme('QM 2015', design);
  });
  afterAll(() => t?.close());

  const results = async (user = 'viewer', evaluationId = id) => {
    const reply = await t.call('GET', `${PATH}/${evaluationId}/results`, user);
    expect(reply.status).toBe(200);
    return reply.body as Body;
  };

  it('answers 409 until the design names indicators, and names unknown indicators, items and areas', async () => {
    const id = await evaluationOfProgramme('QM 2015 ohne Design');
    const empty = await t.call('GET', `${PATH}/${id}/results`, 'viewer');
    expect(empty.status).toBe(409);
    expect(empty.body.code).toBe('DesignIncomplete');
    const put = (body: Body) => t.call('PUT', `${PATH}/${id}/design`, 'evaluator', body);
    const unknown = await put({ outcomes: ['U', 'X9'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'UnknownIndicator', message: 'unknown indicator(s) X9' });
    const item = await put({ outcomes: ['U'], surveyItems: ['survey.gibt_es_nicht'] });
    expect(item.body.message).toBe('surveyItems: unknown survey item(s) survey.gibt_es_nicht');
    const area = await put({ outcomes: ['U'], comparisonAreaIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(area.body.message).toMatch(/^comparisonAreaIds: unknown area/);
    const twice = await put({ outcomes: ['U', 'U'] });
    expect(twice.status).toBe(400);
    expect(twice.body.message).toBe('outcomes.1: outcomes: U is listed twice');
    expect((await t.call('PUT', `${PATH}/${id}/design`, 'viewer', design)).status).toBe(403);
    const ok = await put(design);
    expect(ok.status).toBe(200);
    expect(ok.body.design).toEqual({
      outcomes: ['U'],
      periods: null,
      matching: { on: ['U', 'K'], period: null, k: 2 },
      comparisonAreaIds: [],
      surveyItems: [],
      networkMeasures: [],
      adjustments: [],
    });
  });

  it('compares the programme areas before and after the start with the city, as ratios of sums', async () => {
    const body = await results();
    expect(body).toMatchObject({
      source: 'live',
      snapshot: null,
      startPeriod: '2015',
      pre: ['2013', '2014'],
      post: ['2015', '2016', '2017', '2018', '2019'],
      reference: { label: 'city', level: 'planungsraum', areaCount: 12 },
    });
    expect(body.evidenceHash).toMatch(/^[0-9a-f]{64}$/);
    const ba = body.numbers.outcomes[0].beforeAfter;
    const cells = (areas: string[], periods: string[]) =>
      U.filter((v) => areas.includes(v.code) && periods.includes(v.period));
    expect(ba.programme.before.method).toBe('ratio-of-sums');
    expect(ba.programme.before.value).toBeCloseTo(ratioOfSums(cells(TREATED, body.pre)), 12);
    expect(ba.programme.after.value).toBeCloseTo(ratioOfSums(cells(TREATED, body.post)), 12);
    expect(ba.reference.before.value).toBeCloseTo(ratioOfSums(cells(PLANNING_AREAS, body.pre)), 12);
    expect(ba.reference.series).toHaveLength(7);
    expect(ba.differenceOfChanges).toBeCloseTo(ba.programme.change - ba.reference.change, 12);
    expect(ba.differenceOfChanges).toBeLessThan(-0.5);
  });

  it('matches each programme area with its Mahalanobis-nearest area on the baseline, with a balance table', async () => {
    const body = await results();
    const matching = body.numbers.matching;
    expect(matching).toMatchObject({ period: '2014', indicators: ['U', 'K'], k: 2 });
    expect(matching.pairs.map((p: Body) => [p.treated, p.rank])).toEqual(
      TREATED.flatMap((c) => [
        [c, 1],
        [c, 2],
      ]),
    );
    expect(matching.candidates).toEqual(PLANNING_AREAS.filter((c) => !TREATED.includes(c)));
    // Hand computation: sample covariance (n − 1) of U and K in 2014 over all 12 areas, 2×2 inverse.
    const at = (values: FixtureValue[], code: string) =>
      values.find((v) => v.code === code && v.period === '2014')!.value!;
    const u = PLANNING_AREAS.map((c) => at(U, c));
    const k = PLANNING_AREAS.map((c) => at(K, c));
    const cov = (a: number[], b: number[]) =>
      a.reduce((s, x, i) => s + (x - mean(a)) * (b[i] - mean(b)), 0) / (a.length - 1);
    const [suu, skk, suk] = [cov(u, u), cov(k, k), cov(u, k)];
    const det = suu * skk - suk * suk;
    const distance = (t: string, c: string) => {
      const du = at(U, c) - at(U, t);
      const dk = at(K, c) - at(K, t);
      return Math.sqrt((skk * du * du - 2 * suk * du * dk + suu * dk * dk) / det);
    };
    for (const pair of matching.pairs) {
      expect(pair.distance).toBeCloseTo(distance(pair.treated, pair.comparison), 10);
      const ranked = [...matching.candidates].sort(
        (a: string, b: string) => distance(pair.treated, a) - distance(pair.treated, b),
      );
      expect(pair.comparison).toBe(ranked[pair.rank - 1]);
    }
    const balance = body.numbers.balance.find((r: Body) => r.indicator === 'U');
    expect(balance.treated.mean).toBeCloseTo(mean(TREATED.map((c) => at(U, c))), 12);
    expect(Math.abs(balance.after.smd)).toBeLessThan(Math.abs(balance.before.smd));
    const roles = Object.fromEntries(body.areas.map((a: Body) => [a.code, a.role]));
    for (const code of TREATED) expect(roles[code]).toBe('treated');
    for (const pair of matching.pairs) expect(roles[pair.comparison]).toBe('comparison');
    expect(body.areas.find((a: Body) => a.code === '0101').id).toBe(t.areas['0101']);
  });

  it('estimates the difference-in-differences and the event study against the matched areas', async () => {
    const body = await results();
    const comparison: string[] = body.numbers.comparison.map((c: Body) => c.area);
    const cellMean = (areas: string[], periods: string[]) =>
      mean(U.filter((v) => areas.includes(v.code) && periods.includes(v.period)).map((v) => v.value!));
    const did = body.numbers.outcomes[0].did;
    const expected =
      cellMean(TREATED, body.post) -
      cellMean(TREATED, body.pre) -
      (cellMean(comparison, body.post) - cellMean(comparison, body.pre));
    expect(did.estimate).toBeCloseTo(expected, 10);
    expect(did.clusters).toEqual({ treated: 3, comparison: comparison.length });
    expect(did.ci95[0]).toBeLessThan(did.estimate);
    expect(did.ci95[1]).toBeGreaterThan(did.estimate);
    const study = body.numbers.outcomes[0].eventStudy;
    expect(study.reference).toBe('2014');
    expect(study.points.map((p: Body) => [p.period, p.relative])).toEqual([
      ['2013', -2],
      ['2014', -1],
      ['2015', 0],
      ['2016', 1],
      ['2017', 2],
      ['2018', 3],
      ['2019', 4],
    ]);
    expect(study.points[1]).toMatchObject({ reference: true, estimate: 0 });
    const gap = (period: string) => cellMean(TREATED, [period]) - cellMean(comparison, [period]);
    expect(study.points[3].estimate).toBeCloseTo(gap('2016') - gap('2014'), 10);
    expect(study.points[3].ci95[0]).toBeLessThan(study.points[3].estimate);
  });

  it('drops and adds comparison areas with a reason, and refuses what the set does not allow', async () => {
    const id = await evaluationOfProgramme('QM 2015 angepasst', design);
    const before = await results('viewer', id);
    const matched: string = before.numbers.comparison[0].area;
    const adjust = (user: string, body: Body) =>
      t.call('POST', `${PATH}/${id}/comparison-adjustments`, user, body);
    clock.set(new Date('2025-06-03T10:00:00Z'));
    const dropped = await adjust('evaluator', {
      action: 'drop',
      areaId: t.areas[matched],
      reason: 'Sanierungsgebiet seit 2016',
    });
    expect(dropped.status).toBe(201);
    expect(dropped.body.design.adjustments).toEqual([
      {
        action: 'drop',
        areaId: t.areas[matched],
        reason: 'Sanierungsgebiet seit 2016',
        by: 'evaluator',
        at: '2025-06-03T10:00:00.000Z',
      },
    ]);
    const spare = PLANNING_AREAS.find(
      (c) => !TREATED.includes(c) && !before.numbers.comparison.some((x: Body) => x.area === c),
    )!;
    expect(
      (await adjust('evaluator', { action: 'add', areaId: t.areas[spare], reason: 'ähnliche Lage' })).status,
    ).toBe(201);
    const after = await results('viewer', id);
    expect(after.numbers.comparison.map((c: Body) => c.area)).not.toContain(matched);
    expect(after.numbers.comparison).toContainEqual({ area: spare, weight: 1, origin: 'added' });
    const treated = await adjust('evaluator', { action: 'add', areaId: t.areas['0101'], reason: 'x' });
    expect(treated.status).toBe(422);
    expect(treated.body).toMatchObject({
      code: 'InvalidAdjustment',
      message: expect.stringMatching(/treated/),
    });
    const notThere = await adjust('evaluator', {
      action: 'drop',
      areaId: t.areas[matched],
      reason: 'nochmal',
    });
    expect(notThere.body.message).toMatch(/is not a comparison area/);
    const district = await adjust('evaluator', { action: 'add', areaId: t.areas['02'], reason: 'x' });
    expect(district.status).toBe(422);
    expect(district.body.code).toBe('InvalidAreas');
    expect((await adjust('evaluator', { action: 'add', areaId: t.areas[spare], reason: ' ' })).status).toBe(
      400,
    );
    expect((await adjust('viewer', { action: 'add', areaId: t.areas[spare], reason: 'x' })).status).toBe(403);
    // A different matching voids the adjustments made against the old matched set.
    const rematched = await t.call('PUT', `${PATH}/${id}/design`, 'evaluator', {
      ...design,
      matching: { on: ['U'] },
    });
    expect(rematched.body.design.adjustments).toEqual([]);
  });

  it('shows survey items per wave (published cells only) and network measures between waves', async () => {
    const id = await evaluationOfProgramme('QM 2015 mit Befragung und Netzwerk');
    const put = await t.call('PUT', `${PATH}/${id}/design`, 'evaluator', {
      ...design,
      surveyItems: ['survey.sicher_nachts'],
      networkMeasures: ['density'],
    });
    expect(put.status).toBe(200);
    const body = await results('viewer', id);
    const safety = (code: string) => body.numbers.survey.find((s: Body) => s.area === code);
    expect(safety('0101')).toMatchObject({
      item: 'survey.sicher_nachts',
      option: 'top-2-box',
      statistic: 'share',
    });
    expect(safety('0101').waves.map((w: Body) => [w.waveDate, w.value, w.respondents])).toEqual([
      ['2016-10-31', 0.41, 120],
      ['2018-10-31', 0.47, 133],
    ]);
    expect(safety('0101').change).toBeCloseTo(0.06, 12);
    expect(safety('0103').waves[0]).toMatchObject({ value: null, suppressed: true, respondents: 0 });
    expect(safety('0103').change).toBeNull();
    expect(body.surveyItems).toEqual([
      {
        code: 'survey.sicher_nachts',
        name: 'Anteil, der sich nachts sicher fühlt',
        question: 'sicher_nacht',
        measure: 'topTwoBox',
      },
    ]);
    expect(body.numbers.network).toEqual([
      {
        network,
        measure: 'density',
        area: '01',
        waves: [
          { wave: expect.any(String), waveDate: '2016-12-31', value: 0.12 },
          { wave: expect.any(String), waveDate: '2018-12-31', value: 0.19 },
        ],
        change: expect.closeTo(0.07, 12),
      },
    ]);
    expect(body.areas.find((a: Body) => a.code === '01')).toMatchObject({
      role: 'context',
      id: t.areas['01'],
    });
  });

  it('withholds before/after aggregates below the publication minimum, and changes built on them', async () => {
    const rare: FixtureValue[] = PLANNING_AREAS.flatMap((code) =>
      ['2014', '2016'].map((period) => {
        const numerator = code === '0103' ? (period === '2014' ? 2 : 5) : 40;
        return { code, period, value: (100 * numerator) / 1000, numerator, denominator: 1000 };
      }),
    );
    await deliverValues(t, 'R', rare, { minNumerator: 3 });
    const e = (
      await t.call('POST', PATH, 'evaluator', {
        title: 'Wedding allein',
        startPeriod: '2015',
        object: { kind: 'areas', areaIds: [t.areas['0103']] },
      })
    ).body;
    await t.call('PUT', `${PATH}/${e.id}/design`, 'evaluator', { outcomes: ['R'] });
    const body = (await t.call('GET', `${PATH}/${e.id}/results`, 'viewer')).body;
    const ba = body.numbers.outcomes[0].beforeAfter;
    expect(ba.programme.before).toMatchObject({ value: null, withheld: true, method: 'ratio-of-sums' });
    expect(ba.programme.before.numerator).toBeUndefined();
    expect(ba.programme.after).toMatchObject({ value: 0.5, numerator: 5 });
    expect(ba.programme.change).toBeNull();
    expect(ba.differenceOfChanges).toBeNull();
    expect(ba.reference.before.value).toBeCloseTo((100 * (11 * 40 + 2)) / 12000, 12);
    // A DiD needs two comparison areas: reported as that outcome's error, not a failure of the whole.
    expect(body.numbers.outcomes[0].did.error).toMatchObject({ code: 'TooFewAreas' });
  });

  it("splits a monthly series at a start in week 10 or the first half-year by the periods' dates", async () => {
    const months = ['2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04'];
    const monthly: FixtureValue[] = PLANNING_AREAS.flatMap((code, i) =>
      months.map((period, m) => ({ code, period, value: 5 + i + 0.1 * m })),
    );
    await deliverValues(t, 'M', monthly, { name: 'Monatswert' });
    const split = async (startPeriod: string) => {
      const e = (
        await t.call('POST', PATH, 'evaluator', {
          title: `Monatlich ab ${startPeriod}`,
          startPeriod,
          object: { kind: 'areas', areaIds: TREATED.map((code) => t.areas[code]) },
        })
      ).body;
      await t.call('PUT', `${PATH}/${e.id}/design`, 'evaluator', { outcomes: ['M'] });
      const reply = await t.call('GET', `${PATH}/${e.id}/results`, 'viewer');
      expect(reply.status).toBe(200);
      return [reply.body.pre, reply.body.post];
    };
    // Week 10 runs from 4 to 10 March 2024: March is the first month the programme acts in.
    expect(await split('2024-W10')).toEqual([
      ['2023-11', '2023-12', '2024-01', '2024-02'],
      ['2024-03', '2024-04'],
    ]);
    expect(await split('2024H1')).toEqual([
      ['2023-11', '2023-12'],
      ['2024-01', '2024-02', '2024-03', '2024-04'],
    ]);
  });

  it('refuses areas of different levels, and lets readers only read', async () => {
    const e = (
      await t.call('POST', PATH, 'evaluator', {
        title: 'Gemischt',
        startPeriod: '2015',
        object: { kind: 'areas', areaIds: [t.areas['0101'], t.areas['02']] },
      })
    ).body;
    await t.call('PUT', `${PATH}/${e.id}/design`, 'evaluator', { outcomes: ['U'] });
    const mixed = await t.call('GET', `${PATH}/${e.id}/results`, 'evaluator');
    expect(mixed.status).toBe(422);
    expect(mixed.body.message).toMatch(/one level and area version \(0101: planungsraum, 02: bezirk\)/);
    expect((await t.call('GET', `${PATH}/${id}/results`, 'planer')).status).toBe(200);
    expect((await t.call('GET', `${PATH}/${id}/results`, 'musterstadt-admin')).status).toBe(404);
  });

  it('offers the criteria, the scale and the evidence sources a design can use', async () => {
    const criteria = (await t.call('GET', '/api/evaluation/criteria', 'viewer')).body;
    expect(criteria.criteria.map((c: Body) => c.code)).toEqual([
      'relevance',
      'coherence',
      'effectiveness',
      'efficiency',
      'impact',
      'sustainability',
    ]);
    expect(criteria.scale.map((l: Body) => l.label.de)).toEqual([
      'sehr erfolgreich',
      'erfolgreich',
      'eingeschränkt erfolgreich',
      'nicht erfolgreich',
    ]);
    const sources = (await t.call('GET', '/api/evaluation/evidence-sources', 'analyst')).body;
    expect(sources.indicators.find((i: Body) => i.code === 'U')).toEqual({
      code: 'U',
      name: 'Arbeitslosigkeit',
      unit: '%',
      polarity: 'higher-is-worse',
      scale: 100,
      definitionVersion: 1,
      periods: ['2013', '2014', '2015', '2016', '2017', '2018', '2019'],
    });
    expect(sources.surveyItems).toEqual([
      expect.objectContaining({ code: 'survey.sicher_nachts', waves: 2 }),
    ]);
    expect(sources.networkMeasures).toEqual([
      { measure: 'density', networks: 1 },
      { measure: 'isolates', networks: 1 },
    ]);
    expect(
      (await t.call('GET', '/api/evaluation/evidence-sources', 'musterstadt-admin')).body.indicators,
    ).toEqual([]);
  });
});
