import { FixedClock } from '@quartier/service-kit';
import { QM_PROGRAMME, startProgrammeTestApp, type ProgrammeTestApp } from '../testing/programme-test-app';

describe('measures (real PostgreSQL, real tokens)', () => {
  let t: ProgrammeTestApp;
  let programmeId: string;
  const START = new Date('2025-03-14T09:30:00Z');
  const clock = new FixedClock(START);

  /** A programme with 10,000 EUR Projektfonds and 2,000 EUR Aktionsfonds for 2025. */
  const budgetedProgramme = async (name: string): Promise<string> => {
    const id = (await t.call('POST', '/api/programme/programmes', 'programm', { ...QM_PROGRAMME, name })).body
      .id;
    await t.call('PUT', `/api/programme/programmes/${id}/budget`, 'programm', {
      entries: [
        { year: 2025, line: 'projektfonds', amountCents: 10_000_00 },
        { year: 2025, line: 'aktionsfonds', amountCents: 2_000_00 },
      ],
    });
    return id;
  };

  beforeAll(async () => {
    t = await startProgrammeTestApp({ clock });
    programmeId = await budgetedProgramme('QM');
  });
  // The workflow test moves the clock on; every test starts on the same day.
  beforeEach(() => clock.set(START));
  afterAll(() => t?.close());

  const propose = (user: string, body: Record<string, unknown>, programme = programmeId) =>
    t.call('POST', `/api/programme/programmes/${programme}/measures`, user, {
      title: 'Lernwerkstatt',
      areaIds: [t.areas['0102']],
      responsible: { name: 'Nachbarschaftshaus Moabit e. V.' },
      budget: [{ year: 2025, line: 'projektfonds', amountCents: 6_000_00 }],
      fieldOfAction: 'bildung',
      ...body,
    });

  it('lets a planner propose a measure in their district and records the proposal', async () => {
    const reply = await propose('planer', {});
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      status: 'proposed',
      budgetCents: 6_000_00,
      areas: [{ code: '0102', name: 'Moabit' }],
      actions: ['cancel'],
    });
    const audit = await t.call('GET', `/api/programme/measures/${reply.body.id}/audit`, 'viewer');
    expect(audit.body.items).toEqual([
      { from: null, to: 'proposed', by: 'planer', at: '2025-03-14T09:30:00.000Z', comment: '' },
    ]);
  });

  it('refuses a planner a measure outside their district, and moving one there (every area a write sets is checked)', async () => {
    const outside = await propose('planer', { areaIds: [t.areas['0201']] });
    expect(outside.status).toBe(403);
    const mixed = await propose('planer', { areaIds: [t.areas['0101'], t.areas['0202']] });
    expect(mixed.status).toBe(403);
    const own = (await propose('planer', { title: 'Sprachcafé' })).body;
    const moved = await t.call('PATCH', `/api/programme/measures/${own.id}`, 'planer', {
      areaIds: [t.areas['0203']],
    });
    expect(moved.status).toBe(403);
    expect((await t.call('GET', `/api/programme/measures/${own.id}`, 'planer')).body.areas[0].code).toBe(
      '0102',
    );
  });

  it('names unknown areas, budget lines, years and fields of action', async () => {
    const unknownArea = await propose('programm', { areaIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknownArea.status).toBe(422);
    expect(unknownArea.body.message).toMatch(
      /areaIds: unknown area\(s\) 00000000-0000-4000-8000-000000000000/,
    );
    const badLine = await propose('programm', { budget: [{ year: 2025, line: 'baufonds', amountCents: 1 }] });
    expect(badLine.status).toBe(422);
    expect(badLine.body.message).toMatch(/budget\.0\.line: unknown budget line baufonds/);
    const badYear = await propose('programm', {
      budget: [{ year: 2031, line: 'projektfonds', amountCents: 1 }],
    });
    expect(badYear.body.message).toMatch(/budget\.0\.year: 2031/);
    const badField = await propose('programm', { fieldOfAction: 'sport' });
    expect(badField.body.message).toMatch(/fieldOfAction: unknown field of action sport/);
  });

  it('runs the workflow with the roles it allows and keeps the audit trail', async () => {
    const m = (
      await propose('planer', {
        title: 'Stadtteilmütter',
        budget: [{ year: 2025, line: 'aktionsfonds', amountCents: 500_00 }],
      })
    ).body;
    const byPlanner = await t.call('POST', `/api/programme/measures/${m.id}/transitions`, 'planer', {
      action: 'approve',
    });
    expect(byPlanner.status).toBe(403);
    expect(byPlanner.body.code).toBe('ForbiddenTransition');
    clock.set(new Date('2025-04-01T08:00:00Z'));
    const approved = await t.call('POST', `/api/programme/measures/${m.id}/transitions`, 'programm', {
      action: 'approve',
    });
    expect(approved.status).toBe(201);
    expect(approved.body.status).toBe('approved');
    const started = await t.call('POST', `/api/programme/measures/${m.id}/transitions`, 'planer', {
      action: 'start',
    });
    expect(started.body).toMatchObject({ status: 'running', actualStart: '2025-04-01' });
    const again = await t.call('POST', `/api/programme/measures/${m.id}/transitions`, 'planer', {
      action: 'start',
    });
    expect(again.status).toBe(409);
    const cancelWithout = await t.call('POST', `/api/programme/measures/${m.id}/transitions`, 'programm', {
      action: 'cancel',
    });
    expect(cancelWithout.status).toBe(422);
    expect(cancelWithout.body.code).toBe('CommentRequired');
    const audit = await t.call('GET', `/api/programme/measures/${m.id}/audit`, 'programm');
    expect(
      audit.body.items.map((e: { from: string; to: string; by: string }) => [e.from, e.to, e.by]),
    ).toEqual([
      [null, 'proposed', 'planer'],
      ['proposed', 'approved', 'programm'],
      ['approved', 'running', 'planer'],
    ]);
    const viewer = await t.call('POST', `/api/programme/measures/${m.id}/transitions`, 'viewer', {
      action: 'complete',
    });
    expect(viewer.status).toBe(403);
  });

  it('refuses an approval that over-commits a budget line, naming line, year, budget and commitment — unless deliberate', async () => {
    // A programme of its own: the commitment counts every approved measure of the programme.
    const own = await budgetedProgramme('QM Großprojekt');
    const big = (
      await propose(
        'programm',
        { title: 'Großprojekt', budget: [{ year: 2025, line: 'projektfonds', amountCents: 9_000_00 }] },
        own,
      )
    ).body;
    const first = (
      await propose(
        'programm',
        { title: 'Kleinprojekt', budget: [{ year: 2025, line: 'projektfonds', amountCents: 2_000_00 }] },
        own,
      )
    ).body;
    expect(
      (
        await t.call('POST', `/api/programme/measures/${first.id}/transitions`, 'programm', {
          action: 'approve',
        })
      ).status,
    ).toBe(201);
    const refused = await t.call('POST', `/api/programme/measures/${big.id}/transitions`, 'programm', {
      action: 'approve',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('OverCommitment');
    expect(refused.body.message).toMatch(
      /projektfonds 2025: budget 10000\.00 EUR, commitment would be 11000\.00 EUR/,
    );
    expect(refused.body.details).toMatchObject({
      lines: ['projektfonds'],
      years: [2025],
      budgets: [1_000_000],
      commitments: [1_100_000],
    });
    expect((await t.call('GET', `/api/programme/measures/${big.id}`, 'programm')).body.status).toBe(
      'proposed',
    );
    const deliberate = await t.call('POST', `/api/programme/measures/${big.id}/transitions`, 'programm', {
      action: 'approve',
      deliberateOverCommitment: true,
      comment: 'Haushaltsmittel 2026 vorgezogen',
    });
    expect(deliberate.status).toBe(201);
    expect(deliberate.body.deliberateOverCommitment).toBe(true);
    const audit = await t.call('GET', `/api/programme/measures/${big.id}/audit`, 'programm');
    expect(audit.body.items.at(-1).comment).toMatch(
      /Haushaltsmittel 2026 vorgezogen\nover-commitment accepted: projektfonds 2025/,
    );
  });

  it('books expenditures of approved measures and lists measures with filters', async () => {
    // A programme of its own, so that the listings hold only this test's measures.
    const own = await budgetedProgramme('QM Kiezfest');
    await propose('programm', { title: 'Hoffest', areaIds: [t.areas['0101']] }, own);
    const m = (
      await propose(
        'programm',
        {
          title: 'Kiezfest',
          fieldOfAction: 'nachbarschaft',
          budget: [{ year: 2025, line: 'aktionsfonds', amountCents: 300_00 }],
        },
        own,
      )
    ).body;
    const early = await t.call('PUT', `/api/programme/measures/${m.id}/expenditures`, 'programm', {
      entries: [{ year: 2025, line: 'aktionsfonds', amountCents: 100_00 }],
    });
    expect(early.status).toBe(422);
    await t.call('POST', `/api/programme/measures/${m.id}/transitions`, 'programm', { action: 'approve' });
    const booked = await t.call('PUT', `/api/programme/measures/${m.id}/expenditures`, 'programm', {
      entries: [{ year: 2025, line: 'aktionsfonds', amountCents: 120_50 }],
    });
    expect(booked.body.spentCents).toBe(120_50);
    const filtered = await t.call(
      'GET',
      `/api/programme/programmes/${own}/measures?fieldOfAction=nachbarschaft&status=approved`,
      'viewer',
    );
    expect(filtered.body.items.map((x: { title: string }) => x.title)).toEqual(['Kiezfest']);
    const byArea = await t.call(
      'GET',
      `/api/programme/programmes/${own}/measures?areaId=${t.areas['01']}`,
      'viewer',
    );
    // Both measures lie in district 01's subtree (0101 and 0102).
    expect(byArea.body.total).toBe(2);
    const none = await t.call(
      'GET',
      `/api/programme/programmes/${own}/measures?areaId=${t.areas['02']}`,
      'viewer',
    );
    expect(none.body.total).toBe(0);
  });

  it('finds measures by title or responsible body, taking % and _ in the search text literally', async () => {
    await propose('programm', { title: 'Reparaturcafé 50% Eigenanteil' });
    await propose('programm', {
      title: 'Reparaturcafé 500 Plätze',
      responsible: { name: 'Sprachtreff_Moabit' },
    });
    const search = async (q: string) =>
      (
        await t.call(
          'GET',
          `/api/programme/programmes/${programmeId}/measures?q=${encodeURIComponent(q)}`,
          'viewer',
        )
      ).body.items.map((x: { title: string }) => x.title);
    expect(await search('reparaturcafé')).toEqual([
      'Reparaturcafé 50% Eigenanteil',
      'Reparaturcafé 500 Plätze',
    ]);
    expect(await search('50%')).toEqual(['Reparaturcafé 50% Eigenanteil']);
    expect(await search('Reparaturcaf_')).toEqual([]);
    expect(await search('treff_moabit')).toEqual(['Reparaturcafé 500 Plätze']);
  });

  it('publishes programme.measure.upserted with every change', async () => {
    const m = (await propose('planer', { title: 'Nachbarschaftsgarten' })).body;
    for (const [user, action] of [
      ['programm', 'approve'],
      ['planer', 'start'],
    ]) {
      await t.call('POST', `/api/programme/measures/${m.id}/transitions`, user, { action });
    }
    const rows: { envelope: { payload: { title: string; status: string } } }[] = await t.db.query(
      `SELECT envelope FROM outbox WHERE type = 'programme.measure.upserted' ORDER BY created_at`,
    );
    expect(
      rows.some(
        (r) => r.envelope.payload.title === 'Nachbarschaftsgarten' && r.envelope.payload.status === 'running',
      ),
    ).toBe(true);
  });

  it('answers another tenant with 404', async () => {
    const m = (await propose('programm', { title: 'Geheim' })).body;
    expect((await t.call('GET', `/api/programme/measures/${m.id}`, 'musterstadt-admin')).status).toBe(404);
  });
});
