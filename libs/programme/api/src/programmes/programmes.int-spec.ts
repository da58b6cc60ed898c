import {
  OTHER_TENANT,
  QM_PROGRAMME,
  startProgrammeTestApp,
  TENANT,
  type ProgrammeTestApp,
} from '../testing/programme-test-app';

describe('programmes (real PostgreSQL, real tokens)', () => {
  let t: ProgrammeTestApp;
  beforeAll(async () => {
    t = await startProgrammeTestApp();
  });
  afterAll(() => t?.close());

  async function create(name: string, user = 'programm') {
    const reply = await t.call('POST', '/api/programme/programmes', user, { ...QM_PROGRAMME, name });
    expect(reply.status).toBe(201);
    return reply.body as { id: string };
  }

  it('creates a programme and lists it as {items, total}', async () => {
    const created = await create('Liste');
    const list = await t.call('GET', '/api/programme/programmes?limit=500', 'viewer');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThanOrEqual(1);
    const item = list.body.items.find((p: { id: string }) => p.id === created.id);
    expect(item).toMatchObject({ name: 'Liste', status: 'planning', areaCount: 0, manageable: false });
  });

  it('refuses creation to planners, analysts, viewers and evaluators, and anonymous callers', async () => {
    for (const user of ['planer', 'analyst', 'viewer', 'evaluator'])
      expect(
        (await t.call('POST', '/api/programme/programmes', user, { ...QM_PROGRAMME, name: `x-${user}` }))
          .status,
      ).toBe(403);
    expect((await t.call('POST', '/api/programme/programmes', undefined, QM_PROGRAMME)).status).toBe(401);
  });

  it('names the field of a bad request and never half-applies it', async () => {
    const bad = await t.call('POST', '/api/programme/programmes', 'programm', {
      ...QM_PROGRAMME,
      name: 'Kaputt',
      fundingPeriods: [{ from: '2025-01-01', to: '2024-01-01' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/fundingPeriods\.0\.to/);
    const dup = await t.call('POST', '/api/programme/programmes', 'programm', {
      ...QM_PROGRAMME,
      name: 'Doppelt',
      budgetLines: [
        { key: 'a', label: 'A' },
        { key: 'a', label: 'B' },
      ],
    });
    expect(dup.status).toBe(400);
    expect(dup.body.message).toMatch(/budgetLines\.1\.key: duplicate key a/);
    const list = await t.call('GET', '/api/programme/programmes?limit=500', 'programm');
    expect(list.body.items.map((p: { name: string }) => p.name)).not.toContain('Kaputt');
  });

  it('answers 409 for a second programme of the same name', async () => {
    await create('Einmalig');
    const again = await t.call('POST', '/api/programme/programmes', 'programm', {
      ...QM_PROGRAMME,
      name: 'Einmalig',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ProgrammeExists');
  });

  it('keeps the budget per year × line in cents and refuses unknown lines and years outside the periods', async () => {
    const p = await create('Budget');
    const ok = await t.call('PUT', `/api/programme/programmes/${p.id}/budget`, 'programm', {
      entries: [
        { year: 2024, line: 'projektfonds', amountCents: 50_000_000 },
        { year: 2025, line: 'projektfonds', amountCents: 45_000_000 },
        { year: 2024, line: 'aktionsfonds', amountCents: 1_000_000 },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.entries).toHaveLength(3);
    const bad = await t.call('PUT', `/api/programme/programmes/${p.id}/budget`, 'programm', {
      entries: [
        { year: 2030, line: 'projektfonds', amountCents: 1 },
        { year: 2024, line: 'baufonds', amountCents: 1 },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.problems.map((x: { field: string }) => x.field)).toEqual([
      'entries.0.year',
      'entries.1.line',
    ]);
    const read = await t.call('GET', `/api/programme/programmes/${p.id}/budget`, 'viewer');
    expect(read.body.entries).toHaveLength(3);
    expect((await t.call('GET', `/api/programme/programmes/${p.id}`, 'viewer')).body.budgetCents).toBe(
      96_000_000,
    );
    expect(
      (await t.call('PUT', `/api/programme/programmes/${p.id}/budget`, 'planer', { entries: [] })).status,
    ).toBe(403);
  });

  it('answers another tenant with 404, as if the programme did not exist', async () => {
    const p = await create('Geheim');
    expect((await t.call('GET', `/api/programme/programmes/${p.id}`, 'musterstadt-admin')).status).toBe(404);
    const theirs = await t.call('GET', '/api/programme/programmes', 'musterstadt-admin');
    expect(theirs.body.items.map((x: { name: string }) => x.name)).not.toContain('Geheim');
    expect(OTHER_TENANT).toBe('musterstadt');
  });

  it('publishes programme.programme.upserted through the outbox', async () => {
    const p = await create('Mit Ereignis');
    const rows: { type: string; envelope: { payload: { id: string } } }[] = await t.db.query(
      `SELECT type, envelope FROM outbox WHERE type = 'programme.programme.upserted'`,
    );
    expect(rows.some((r) => r.envelope.payload.id === p.id)).toBe(true);
    expect(TENANT).toBe('berlin-demo');
  });
});

describe('programme scope (a manager assigned to one programme)', () => {
  let t: ProgrammeTestApp;
  beforeAll(async () => {
    t = await startProgrammeTestApp({ managerScope: 'none' });
  });
  afterAll(() => t?.close());

  it('steers only the assigned programme, sees only it, and cannot create programmes', async () => {
    const own = (await t.call('POST', '/api/programme/programmes', 'admin', { ...QM_PROGRAMME, name: 'A' }))
      .body;
    const other = (await t.call('POST', '/api/programme/programmes', 'admin', { ...QM_PROGRAMME, name: 'B' }))
      .body;
    await t.grant(TENANT, 'programm', 'programme-manager', null, own.id);
    expect(
      (await t.call('PATCH', `/api/programme/programmes/${own.id}`, 'programm', { funder: 'Bund' })).status,
    ).toBe(200);
    expect(
      (await t.call('PATCH', `/api/programme/programmes/${other.id}`, 'programm', { funder: 'Bund' })).status,
    ).toBe(403);
    expect((await t.call('GET', `/api/programme/programmes/${other.id}`, 'programm')).status).toBe(403);
    const list = await t.call('GET', '/api/programme/programmes', 'programm');
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['A']);
    expect(list.body.items[0].manageable).toBe(true);
    expect(
      (await t.call('POST', '/api/programme/programmes', 'programm', { ...QM_PROGRAMME, name: 'C' })).status,
    ).toBe(403);
  });
});
