import { deliverIndexRun, deliverValues } from '../testing/evidence';
import { QM_PROGRAMME, startProgrammeTestApp, type ProgrammeTestApp } from '../testing/programme-test-app';

const RULE = {
  version: 1,
  clauses: [{ statusClasses: ['4'] }, { statusClasses: ['3'], dynamicsClasses: ['-'] }],
};

describe('programme areas and allocations (real PostgreSQL, real tokens)', () => {
  let t: ProgrammeTestApp;
  let run2019: string;
  let run2021: string;

  // Index runs are the tenant's, not a programme's: both are delivered once and only read.
  beforeAll(async () => {
    t = await startProgrammeTestApp();
    run2019 = await deliverIndexRun(t, '2019', {
      '0101': ['2', '+/-', 0.1],
      '0102': ['4', '-', 2.4],
      '0103': ['3', '-', 1.2],
      '0201': ['3', '+/-', 1.3],
      '0202': ['4', '+', 1.8],
      '0203': 'invalid',
    });
    run2021 = await deliverIndexRun(t, '2021', {
      '0101': ['4', '-', 1.9],
      '0102': ['4', '-', 2.5],
      '0103': ['2', '+/-', 0.4],
      '0201': ['3', '+/-', 1.3],
      '0202': ['4', '+', 1.8],
      '0203': ['1', '+', -1.2],
    });
  });
  afterAll(() => t?.close());

  const selection = (body: Record<string, unknown> = {}) => ({ runId: run2019, rule: RULE, ...body });
  /** The 2019 rule plus Kreuzberg Nord: 0102, 0103, 0201, 0202. */
  const withNeighbour = (body: Record<string, unknown> = {}) =>
    selection({
      changes: [{ action: 'add', areaId: t.areas['0201'], reason: 'Nachbarschaft zu Moabit' }],
      ...body,
    });

  /** A programme of its own with a 2025 Projektfonds budget and no areas yet. */
  async function newProgramme(name: string): Promise<string> {
    const id = (await t.call('POST', '/api/programme/programmes', 'programm', { ...QM_PROGRAMME, name })).body
      .id;
    await t.call('PUT', `/api/programme/programmes/${id}/budget`, 'programm', {
      entries: [{ year: 2025, line: 'projektfonds', amountCents: 1_000_000_00 }],
    });
    return id;
  }

  /** A programme of its own whose accepted areas are 0102, 0103, 0201 and 0202 (run 2019). */
  async function programmeWithAreas(name: string, body: Record<string, unknown> = {}): Promise<string> {
    const id = await newProgramme(name);
    const accepted = await t.call(
      'PUT',
      `/api/programme/programmes/${id}/areas`,
      'programm',
      withNeighbour(body),
    );
    expect(accepted.status).toBe(200);
    return id;
  }

  it('lists the index runs it knows from the indicator service', async () => {
    const programmeId = await newProgramme('QM Läufe');
    const runs = await t.call('GET', `/api/programme/programmes/${programmeId}/index-runs`, 'viewer');
    expect(runs.body.items).toEqual([
      expect.objectContaining({ id: run2021, label: 'MSS 2021', period: '2021', areaCount: 6 }),
      expect.objectContaining({ id: run2019, label: 'MSS 2019', period: '2019', areaCount: 6 }),
    ]);
  });

  it('previews a rule over a run with a manual removal, changing nothing, and explains each area', async () => {
    const programmeId = await newProgramme('QM Vorschau');
    const preview = await t.call(
      'POST',
      `/api/programme/programmes/${programmeId}/areas/preview`,
      'programm',
      selection({
        changes: [{ action: 'remove', areaId: t.areas['0202'], reason: 'eigenes Landesprogramm' }],
      }),
    );
    expect(preview.status).toBe(201);
    expect(preview.body.resolution.areas.map((a: { code: string }) => a.code)).toEqual(['0102', '0103']);
    const notSelected = Object.fromEntries(
      preview.body.resolution.notSelected.map((a: { code: string; reason: string }) => [a.code, a.reason]),
    );
    expect(notSelected).toEqual({
      '0101': 'no-clause-matched',
      '0201': 'no-clause-matched',
      '0202': 'removed',
      '0203': 'not-indexed',
    });
    expect(
      (await t.call('GET', `/api/programme/programmes/${programmeId}/areas`, 'viewer')).body.areas,
    ).toEqual([]);
  });

  it('accepts a selection; the areas are stored with their run and the programme event names them', async () => {
    const programmeId = await newProgramme('QM Annahme');
    const accepted = await t.call(
      'PUT',
      `/api/programme/programmes/${programmeId}/areas`,
      'programm',
      withNeighbour(),
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.areas.map((a: { code: string }) => a.code)).toEqual([
      '0102',
      '0103',
      '0201',
      '0202',
    ]);
    expect(accepted.body.selection).toMatchObject({ acceptedBy: 'programm', run: { id: run2019 } });
    const [{ envelope }] = await t.db.query(
      `SELECT envelope FROM outbox WHERE type = 'programme.programme.upserted' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(envelope.payload).toMatchObject({ indexRunId: run2019 });
    expect([...envelope.payload.areaIds].sort()).toEqual(
      ['0102', '0103', '0201', '0202'].map((c) => t.areas[c]).sort(),
    );
  });

  it('refuses a rule without clauses, an unknown run, a change without reason, and callers who may not steer', async () => {
    const programmeId = await programmeWithAreas('QM Ablehnung');
    const empty = await t.call(
      'PUT',
      `/api/programme/programmes/${programmeId}/areas`,
      'programm',
      selection({ rule: { version: 1, clauses: [] } }),
    );
    expect(empty.status).toBe(422);
    expect(empty.body.code).toBe('InvalidSelectionRule');
    const unknown = await t.call(
      'PUT',
      `/api/programme/programmes/${programmeId}/areas`,
      'programm',
      selection({ runId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown.status).toBe(404);
    const noReason = await t.call(
      'PUT',
      `/api/programme/programmes/${programmeId}/areas`,
      'programm',
      selection({ changes: [{ action: 'add', areaId: t.areas['0101'], reason: ' ' }] }),
    );
    expect(noReason.status).toBe(400);
    for (const user of ['planer', 'analyst', 'viewer', 'evaluator'])
      expect(
        (await t.call('PUT', `/api/programme/programmes/${programmeId}/areas`, user, selection())).status,
      ).toBe(403);
    expect(
      (await t.call('GET', `/api/programme/programmes/${programmeId}/areas`, 'viewer')).body.areas,
    ).toHaveLength(4);
  });

  it('shows who would enter and leave under a newer run, and changes nothing until accepted', async () => {
    const newest = await programmeWithAreas('QM 2021', { runId: run2021 });
    const none = await t.call('GET', `/api/programme/programmes/${newest}/areas/pending`, 'viewer');
    expect(none.body).toEqual({ newerRun: null, diff: null });
    const programmeId = await programmeWithAreas('QM 2019');
    const pending = await t.call('GET', `/api/programme/programmes/${programmeId}/areas/pending`, 'viewer');
    expect(pending.body.newerRun.period).toBe('2021');
    expect(pending.body.diff.entering.map((e: { area: { code: string } }) => e.area.code)).toEqual(['0101']);
    expect(pending.body.diff.leaving.map((e: { area: { code: string } }) => e.area.code)).toEqual(['0103']);
    const stored = await t.call('GET', `/api/programme/programmes/${programmeId}/areas`, 'viewer');
    expect(stored.body.areas.map((a: { code: string }) => a.code)).toEqual(['0102', '0103', '0201', '0202']);
    expect(stored.body.selection.run.id).toBe(run2019);
  });

  it('keeps measures inside the programme areas', async () => {
    const programmeId = await programmeWithAreas('QM Maßnahmen');
    const outside = await t.call('POST', `/api/programme/programmes/${programmeId}/measures`, 'programm', {
      title: 'Außerhalb',
      areaIds: [t.areas['0101']],
      responsible: { name: 'Träger' },
    });
    expect(outside.status).toBe(422);
    expect(outside.body.message).toMatch(/areaIds: 0101 Zentrum lie outside the programme areas/);
  });

  it('splits a budget line by need with floor, cap and whole euros, explaining each amount', async () => {
    const programmeId = await programmeWithAreas('QM Verteilung');
    const preview = await t.call(
      'POST',
      `/api/programme/programmes/${programmeId}/allocations/preview`,
      'programm',
      {
        line: 'projektfonds',
        year: 2025,
        floorCents: 100_000_00,
        capCents: 300_000_00,
        unitCents: 100,
        need: { source: 'index', runId: run2019, index: 'status' },
      },
    );
    expect(preview.status).toBe(201);
    const amounts = Object.fromEntries(
      preview.body.areas.map((a: { code?: string; area: string; amount: number }) => [a.area, a.amount]),
    );
    expect(Object.values(amounts).reduce((s: number, a) => s + (a as number), 0)).toBe(1_000_000_00);
    expect(amounts['0102']).toBe(300_000_00);
    expect(preview.body.areas.find((a: { area: string }) => a.area === '0102').bound).toBe('cap');
    for (const a of Object.values(amounts)) expect((a as number) % 100).toBe(0);
  });

  it('takes need from indicator values and refuses areas without one, naming them', async () => {
    const programmeId = await programmeWithAreas('QM Indikator');
    await deliverValues(t, 'S4', [
      { code: '0102', period: '2023', value: 40 },
      { code: '0103', period: '2023', value: 30 },
      { code: '0201', period: '2023', value: 20 },
    ]);
    const missing = await t.call(
      'POST',
      `/api/programme/programmes/${programmeId}/allocations/preview`,
      'programm',
      {
        line: 'projektfonds',
        year: 2025,
        need: { source: 'indicator', indicatorCode: 'S4' },
      },
    );
    expect(missing.status).toBe(422);
    expect(missing.body.message).toMatch(/S4 2023 has no value for 0202/);
    await deliverValues(t, 'S4', [{ code: '0202', period: '2023', value: 10 }]);
    const ok = await t.call('POST', `/api/programme/programmes/${programmeId}/allocations`, 'programm', {
      line: 'projektfonds',
      year: 2025,
      need: { source: 'indicator', indicatorCode: 'S4' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.version).toBe(1);
    expect(ok.body.areas.map((a: { area: string; amount: number }) => [a.area, a.amount])).toEqual([
      ['0102', 400_000_00],
      ['0103', 300_000_00],
      ['0201', 200_000_00],
      ['0202', 100_000_00],
    ]);
    const again = await t.call('POST', `/api/programme/programmes/${programmeId}/allocations`, 'programm', {
      line: 'projektfonds',
      year: 2025,
      need: { source: 'population' },
    });
    expect(again.body.version).toBe(2);
    const list = await t.call('GET', `/api/programme/programmes/${programmeId}/allocations`, 'viewer');
    expect(list.body.items.map((a: { version: number }) => a.version)).toEqual([2, 1]);
    expect(
      (
        await t.call('POST', `/api/programme/programmes/${programmeId}/allocations`, 'planer', {
          line: 'projektfonds',
          year: 2025,
          need: { source: 'population' },
        })
      ).status,
    ).toBe(403);
  });

  it('refuses a manual need for areas that are not programme areas, naming them, and stores nothing', async () => {
    const programmeId = await programmeWithAreas('QM Manuell');
    const allocations = `/api/programme/programmes/${programmeId}/allocations`;
    const programmeAreas = ['0102', '0103', '0201', '0202'].map((code) => ({
      areaId: t.areas[code],
      need: 1,
    }));
    const unknown = '00000000-0000-4000-8000-000000000000';
    const body = (values: { areaId: string; need: number }[]) => ({
      line: 'projektfonds',
      year: 2025,
      need: { source: 'manual', values },
    });
    const before = (await t.call('GET', allocations, 'viewer')).body.items.length;
    const extra = body([
      ...programmeAreas,
      { areaId: t.areas['0101'], need: 5 },
      { areaId: unknown, need: 2 },
    ]);
    for (const path of [`${allocations}/preview`, allocations]) {
      const refused = await t.call('POST', path, 'programm', extra);
      expect({ status: refused.status, body: refused.body }).toEqual({
        status: 422,
        body: {
          statusCode: 422,
          code: 'InvalidAllocation',
          message: `need.values: ${t.areas['0101']}, ${unknown} are not programme areas`,
          details: { field: 'need.values', areaIds: [t.areas['0101'], unknown] },
        },
      });
    }
    expect((await t.call('GET', allocations, 'viewer')).body.items).toHaveLength(before);
    // Two needs for one area: refused naming the second row, not decided by whichever came last.
    const twice = await t.call(
      'POST',
      allocations,
      'programm',
      body([...programmeAreas, { areaId: t.areas['0102'], need: 9 }]),
    );
    const second = `second need for area ${t.areas['0102']}`;
    expect({ status: twice.status, body: twice.body }).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        code: 'ValidationFailed',
        message: `need.values.4.areaId: ${second}`,
        details: [{ field: 'need.values.4.areaId', message: second }],
      },
    });
    const ok = await t.call('POST', allocations, 'programm', body(programmeAreas));
    expect({ status: ok.status, areas: ok.body.areas.length }).toEqual({ status: 201, areas: 4 });
  });
});
