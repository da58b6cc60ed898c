import { deliverIndexRun } from '../testing/evidence';
import {
  OTHER_TENANT,
  QM_PROGRAMME,
  startProgrammeTestApp,
  TENANT,
  type ProgrammeTestApp,
} from '../testing/programme-test-app';

// A programme manager whose assignment is limited to the district Mitte steers the programme
// there: every area a write sets — chosen by hand or by a rule, shared out or bound — must lie
// in Mitte; a write that reaches Friedrichshain-Kreuzberg (02) is refused and changes nothing.
describe('a programme manager of one district (real PostgreSQL, real tokens)', () => {
  let t: ProgrammeTestApp;
  let programmeId: string;
  let runId: string;

  beforeAll(async () => {
    t = await startProgrammeTestApp({ managerScope: 'none' });
    await t.grant(TENANT, 'programm', 'programme-manager', t.areas['01']);
    programmeId = (
      await t.call('POST', '/api/programme/programmes', 'admin', { ...QM_PROGRAMME, name: 'QM' })
    ).body.id;
    runId = await deliverIndexRun(t, '2019', {
      '0101': ['2', '+/-', 0.1],
      '0102': ['4', '-', 2.4],
      '0103': ['4', '-', 1.2],
      '0201': ['3', '+/-', 1.3],
      '0202': ['4', '+', 1.8],
      '0203': 'invalid',
    });
  });
  afterAll(() => t?.close());

  const areasPath = () => `/api/programme/programmes/${programmeId}/areas`;
  const storedCodes = async () =>
    ((await t.call('GET', areasPath(), 'viewer')).body.areas as { code: string }[]).map((a) => a.code);
  const statusFour = (clause: Record<string, unknown> = {}) => ({
    runId,
    rule: { version: 1, clauses: [{ statusClasses: ['4'], ...clause }] },
    changes: [],
  });

  it('refuses programme areas a rule picks outside the district, and those an acceptance drops there', async () => {
    // The rule hits 0102, 0103 (Mitte) and 0202 (Kreuzberg): the manager of Mitte may not choose 0202.
    const cityWide = await t.call('PUT', areasPath(), 'programm', statusFour());
    expect(cityWide).toMatchObject({ status: 403, body: { code: 'OutOfScope' } });
    expect(await storedCodes()).toEqual([]);

    const withinMitte = await t.call(
      'PUT',
      areasPath(),
      'programm',
      statusFour({ withinAreaId: t.areas['01'] }),
    );
    expect(withinMitte.status).toBe(200);
    expect(await storedCodes()).toEqual(['0102', '0103']);

    // The city's selection, accepted tenant-wide; keeping Kreuzberg's area as it is stays possible…
    expect((await t.call('PUT', areasPath(), 'admin', statusFour())).status).toBe(200);
    const keeping = await t.call('PUT', areasPath(), 'programm', {
      ...statusFour(),
      changes: [{ action: 'remove', areaId: t.areas['0103'], reason: 'eigenes Landesprogramm' }],
    });
    expect(keeping.status).toBe(200);
    expect(await storedCodes()).toEqual(['0102', '0202']);
    // …dropping it by a narrower rule is not.
    const dropping = await t.call(
      'PUT',
      areasPath(),
      'programm',
      statusFour({ withinAreaId: t.areas['01'] }),
    );
    expect(dropping).toMatchObject({ status: 403, body: { code: 'OutOfScope' } });
    expect(await storedCodes()).toEqual(['0102', '0202']);
  });

  it('refuses an allocation that shares a line out to programme areas in another district, and stores none', async () => {
    const other = (
      await t.call('POST', '/api/programme/programmes', 'admin', { ...QM_PROGRAMME, name: 'Zuteilung' })
    ).body.id;
    expect(
      (await t.call('PUT', `/api/programme/programmes/${other}/areas`, 'admin', statusFour())).status,
    ).toBe(200);
    const allocation = {
      line: 'projektfonds',
      year: 2025,
      budgetCents: 90_000_00,
      need: { source: 'population' },
    };
    const allocations = `/api/programme/programmes/${other}/allocations`;
    const refused = await t.call('POST', allocations, 'programm', allocation);
    expect(refused).toMatchObject({ status: 403, body: { code: 'OutOfScope' } });
    expect((await t.call('POST', `${allocations}/preview`, 'programm', allocation)).status).toBe(403);
    expect((await t.call('GET', allocations, 'viewer')).body.items).toEqual([]);
    expect((await t.call('POST', allocations, 'admin', allocation)).status).toBe(201);
  });

  it("names another tenant's area, and text that is no area id, in a rule as unknown (422, never 500)", async () => {
    const [{ id: foreign }] = await t.db.query(`SELECT id FROM area_ref WHERE tenant_id = $1`, [
      OTHER_TENANT,
    ]);
    for (const withinAreaId of [foreign, 'Mitte']) {
      const reply = await t.call('PUT', areasPath(), 'admin', statusFour({ withinAreaId }));
      expect(reply).toMatchObject({ status: 422, body: { code: 'InvalidAreaSelection' } });
      expect(reply.body.message).toContain(`rule.clauses.withinAreaId: unknown area(s) ${withinAreaId}`);
    }
  });

  it('refuses an impact model that binds evidence over areas outside the district, or over unknown ones', async () => {
    const modelled = (
      await t.call('POST', '/api/programme/programmes', 'admin', { ...QM_PROGRAMME, name: 'Wirkung' })
    ).body.id;
    const measure = await t.call('POST', `/api/programme/programmes/${modelled}/measures`, 'planer', {
      title: 'Lernwerkstatt',
      areaIds: [t.areas['0102']],
      responsible: { name: 'Träger' },
    });
    expect(measure.status).toBe(201);
    const [{ id: foreign }] = await t.db.query(`SELECT id FROM area_ref WHERE tenant_id = $1`, [
      OTHER_TENANT,
    ]);
    const measureModel = `/api/programme/measures/${measure.body.id}/impact-model`;
    const save = (path: string, user: string, areaIds: string[]) =>
      t.call('PUT', path, user, { model: boundModel(areaIds), baseVersion: 0 });

    expect(await save(measureModel, 'planer', [t.areas['0102'], t.areas['0202']])).toMatchObject({
      status: 403,
      body: { code: 'OutOfScope' },
    });
    const programmeModel = `/api/programme/programmes/${modelled}/impact-model`;
    expect(await save(programmeModel, 'programm', [t.areas['0202']])).toMatchObject({
      status: 403,
      body: { code: 'OutOfScope' },
    });
    for (const unknown of [foreign, 'Mitte']) {
      const reply = await save(measureModel, 'planer', [t.areas['0102'], unknown]);
      expect(reply).toMatchObject({ status: 422, body: { code: 'InvalidImpactModel' } });
      expect(reply.body.message).toBe(`nodes.0.bindings.0.source.areas.areaIds: unknown area(s) ${unknown}`);
    }
    for (const path of [measureModel, programmeModel])
      expect((await t.call('GET', path, 'viewer')).body).toMatchObject({ version: 0 });
    expect(await save(measureModel, 'planer', [t.areas['0102'], t.areas['0103']])).toMatchObject({
      status: 200,
      body: { version: 1 },
    });
  });
});

/** A model whose one impact is measured by an indicator over the given areas. */
function boundModel(areaIds: string[]) {
  return {
    id: 'm',
    title: 'Wirkungsmodell',
    nodes: [
      {
        id: 'imp',
        type: 'impact',
        step: 7,
        title: 'Weniger Kinderarmut',
        assumptions: [],
        risks: [],
        bindings: [
          {
            id: 'b-s4',
            source: { kind: 'indicator', indicatorCode: 'S4', areas: { kind: 'areas', areaIds } },
            baseline: { value: 40, period: '2019' },
            target: { value: 30, date: '2027-12-31' },
            polarity: 'lower-is-better',
          },
        ],
      },
    ],
    edges: [],
  };
}
