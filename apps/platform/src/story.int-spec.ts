import { BERLIN_DEMO_FILES, requireReferenceData } from '@quartier/reference-data';
import { startPlatform, type PlatformUnderTest, type Reply } from '@quartier/service-kit';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The programme office's story, through the APIs of the whole embedded platform with the Berlin
// demo and the demo users' real tokens (the browser test in apps/portal-e2e runs it through the
// pages): programme areas from the MSS index, a budget split by need, a measure with an impact
// model bound to an indicator, new values imported and the attainment moving, an evaluation
// against matched comparison areas, and the programme report as PDF whose numbers equal the
// APIs'. Each step uses what the one before produced, so the story is one test.
// Every file the platform's Berlin demo reads: without one of them it seeds Musterstadt alone.
const BERLIN = requireReferenceData(BERLIN_DEMO_FILES, 1);
const describeBerlin = BERLIN ? describe : describe.skip;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by value
type Json = any;

const RULE = {
  version: 1,
  clauses: [{ statusClasses: ['4'] }, { statusClasses: ['3'], dynamicsClasses: ['-'] }],
};
/** A period after every published one, so the imported values are the newest. */
const NEW_PERIOD = '2099';
/** Whole euros as the reports print them (the column says €). */
const whole = (cents: number) => new Intl.NumberFormat('de-DE').format(Math.round(cents / 100));
const decimal = (value: number, digits: number) =>
  new Intl.NumberFormat('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );
const squash = (text: string) => text.replace(/\s+/g, ' ');

describeBerlin('the programme office’s story (embedded platform, Berlin demo, real tokens)', () => {
  let p: PlatformUnderTest;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'story-'));
    p = await startPlatform({}, 'story_platform');
  }, 300_000);
  afterAll(async () => {
    await p?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  async function ok(
    method: string,
    path: string,
    user: string,
    body?: unknown,
    type?: string,
  ): Promise<Json> {
    const reply: Reply = await p.call(method, path, user, body, type);
    if (reply.status >= 300)
      throw new Error(`${method} ${path} as ${user}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    for (let i = 0; i < 240; i++) {
      const value = await probe();
      if (done(value)) return value;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('runs from programme areas to the programme report', async () => {
    // 1. A programme; its areas from the newest MSS run: status 4, or 3 with dynamics −, in Mitte.
    const programme = await ok('POST', '/api/programme/programmes', 'programm', {
      name: 'Story: Quartiersmanagement Mitte',
      funder: 'Land Berlin',
      legalBasis: 'Bund-Länder-Programm Sozialer Zusammenhalt',
      fundingPeriods: [{ from: '2024-01-01', to: '2027-12-31', label: 'Förderperiode 2024–2027' }],
      budgetLines: [{ key: 'projektfonds', label: 'Projektfonds' }],
      fieldsOfAction: [{ key: 'arbeit', label: 'Arbeit und Beschäftigung' }],
    });
    const base = `/api/programme/programmes/${programme.id}`;
    const runs = (await ok('GET', `${base}/index-runs`, 'programm')).items as Json[];
    const run = runs.filter((r) => /MSS/.test(r.label)).sort((a, b) => (a.period < b.period ? 1 : -1))[0];
    expect(run).toBeDefined();
    const mitte = (await ok('GET', '/api/registry/areas?q=Mitte&limit=100', 'programm')).items.find(
      (a: Json) => a.code === '01',
    );
    const rule = { ...RULE, clauses: RULE.clauses.map((c) => ({ ...c, withinAreaId: mitte.id })) };
    const preview = await ok('POST', `${base}/areas/preview`, 'programm', { runId: run.id, rule });
    const chosen = preview.resolution.areas as Json[];
    expect(chosen.length).toBeGreaterThan(1);
    for (const a of chosen) expect(`${a.statusClass}/${a.dynamicsClass}`).toMatch(/^4\/|^3\/-$/);
    await ok('PUT', `${base}/areas`, 'programm', { runId: run.id, rule });
    const areas = (await ok('GET', `${base}/areas`, 'programm')).areas as Json[];
    expect(areas.map((a) => a.code).sort()).toEqual(chosen.map((a) => a.code).sort());

    // 2. A budget, split by need: a floor per area, the rest by the areas' unemployment (S1).
    await ok('PUT', `${base}/budget`, 'programm', {
      entries: [{ year: 2026, line: 'projektfonds', amountCents: 100_000_00 }],
    });
    const allocation = await ok('POST', `${base}/allocations`, 'programm', {
      line: 'projektfonds',
      year: 2026,
      floorCents: 5_000_00,
      need: { source: 'indicator', indicatorCode: 'S1' },
    });
    const amounts = allocation.areas as Json[];
    expect(amounts.reduce((s, a) => s + a.amount, 0)).toBe(100_000_00);
    for (const a of amounts) expect(a.amount).toBeGreaterThanOrEqual(5_000_00);
    // More need, more money.
    const byNeed = [...amounts].sort((a, b) => a.need - b.need);
    expect(byNeed[0].amount).toBeLessThanOrEqual(byNeed[byNeed.length - 1].amount);

    // 3. A measure in the first area, with an impact model bound to unemployment (S1).
    const measure = await ok('POST', `${base}/measures`, 'programm', {
      title: 'Beschäftigungslotsen',
      areaIds: [areas[0].areaId],
      fieldOfAction: 'arbeit',
      responsible: { name: 'Nachbarschaftshaus e. V.' },
      budget: [{ year: 2026, line: 'projektfonds', amountCents: 20_000_00 }],
    });
    await ok('POST', `/api/programme/measures/${measure.id}/transitions`, 'programm', { action: 'approve' });
    await ok('POST', `/api/programme/measures/${measure.id}/transitions`, 'programm', { action: 'start' });
    const baseline = 20;
    await ok('PUT', `${base}/impact-model`, 'programm', {
      baseVersion: 0,
      model: {
        id: programme.id,
        title: 'Wirkungsmodell Story',
        nodes: [
          {
            id: 'in',
            type: 'input',
            step: null,
            title: 'Projektfonds',
            assumptions: [],
            risks: [],
            bindings: [],
          },
          {
            id: 'act',
            type: 'activity',
            step: 1,
            title: 'Lotsen beraten',
            assumptions: [],
            risks: [],
            bindings: [],
          },
          {
            id: 'out',
            type: 'output',
            step: 2,
            title: 'Beratungen finden statt',
            assumptions: [],
            risks: [],
            bindings: [],
          },
          {
            id: 'oc',
            type: 'outcome',
            step: 6,
            title: 'Weniger Arbeitslosigkeit in den Fördergebieten',
            assumptions: [],
            risks: [],
            bindings: [
              {
                id: 'b1',
                label: 'Arbeitslosigkeit (S1)',
                source: { kind: 'indicator', indicatorCode: 'S1', areas: { kind: 'programme-areas' } },
                baseline: { value: baseline, period: '2020' },
                target: { value: 10, date: '2099-12-31' },
                polarity: 'lower-is-better',
              },
            ],
          },
        ],
        edges: [
          { from: 'in', to: 'act' },
          { from: 'act', to: 'out' },
          { from: 'out', to: 'oc' },
        ],
      },
    });
    const attainmentOf = async (): Promise<Json> =>
      ((await ok('GET', `${base}/attainment`, 'programm')).items as Json[])
        .flatMap((m) => m.nodes as Json[])
        .flatMap((n) => n.bindings as Json[])
        .find((b) => b.binding.id === 'b1')?.current;
    const before = await until(attainmentOf, (b) => b?.actual?.status === 'value', 'the attainment of b1');

    // 4. New S1 values for every programme area (15: halfway from 20 to 10): attainment moves.
    const csv = ['area,period,indicator,value', ...areas.map((a) => `${a.code},${NEW_PERIOD},S1,15`)].join(
      '\n',
    );
    const job = await ok(
      'POST',
      `/api/indicator/imports?format=csv&fileName=s1-${NEW_PERIOD}.csv`,
      'admin',
      csv,
      'text/csv',
    );
    const imported = await until(
      () => ok('GET', `/api/indicator/imports/${job.id}`, 'admin'),
      (j) => ['succeeded', 'failed', 'interrupted'].includes(j.status),
      'the import',
    );
    expect(imported.status).toBe('succeeded');
    const after = await until(attainmentOf, (b) => b?.actual?.period === NEW_PERIOD, 'the new attainment');
    expect(before.actual.period).not.toBe(NEW_PERIOD);
    expect(after).toMatchObject({ state: 'measured', actual: { status: 'value', value: 15 } });
    expect(after.raw).toBeCloseTo(0.5, 12);
    expect(after.light).toBe('amber');

    // 5. An evaluation of the programme against matched comparison areas (evaluator).
    // The evaluation service knows the programme and its areas from the programme's events.
    const evaluation = await until(
      () =>
        p.call('POST', '/api/evaluation/evaluations', 'evaluator', {
          title: 'Story: Evaluation QM Mitte',
          object: { kind: 'programme', programmeId: programme.id },
          startPeriod: '2018',
        }),
      (reply) => reply.status === 201,
      'the programme in the evaluation service',
    ).then((reply) => reply.body as Json);
    await until(
      () => ok('GET', `/api/evaluation/evaluations/${evaluation.id}`, 'evaluator'),
      (e) => e.object.areas.length === areas.length,
      'the programme areas in the evaluation service',
    );
    // Before (2012–2016) and after (2018, 2020) the start, matched on the baseline of 2016.
    await ok('PUT', `/api/evaluation/evaluations/${evaluation.id}/design`, 'evaluator', {
      outcomes: ['S1'],
      periods: ['2012', '2014', '2016', '2018', '2020'],
      matching: { on: ['S1', 'S4'], period: '2016', k: 1 },
    });
    const { numbers: results } = await ok(
      'GET',
      `/api/evaluation/evaluations/${evaluation.id}/results`,
      'evaluator',
    );
    const treatedCodes = new Set(areas.map((a) => a.code));
    expect(results.comparison.length).toBeGreaterThan(0);
    for (const c of results.comparison) expect(treatedCodes.has(c.area)).toBe(false);
    expect(results.matching.pairs).toHaveLength(areas.length);
    expect(results.balance.length).toBeGreaterThan(0);
    const did = results.outcomes[0].did;
    expect(did.indicator).toBe('S1');
    expect(did.estimate).toBeCloseTo(
      did.means.treated.post - did.means.treated.pre - (did.means.comparison.post - did.means.comparison.pre),
      9,
    );

    // 6. The programme report as PDF: its numbers are the APIs'.
    const requested = await ok('POST', '/api/reporting/reports', 'programm', {
      type: 'programme',
      programmeId: programme.id,
      format: 'pdf',
      language: 'de',
    });
    const report = await until(
      () => ok('GET', `/api/reporting/reports/${requested.id}`, 'programm'),
      (r) => ['done', 'failed', 'cancelled'].includes(r.status),
      'the programme report',
    );
    expect(report).toMatchObject({ status: 'done', contentHash: expect.any(String) });
    const file = await p.call('GET', `/api/reporting/reports/${requested.id}/file`, 'programm');
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const pdf = join(work, 'programme.pdf');
    writeFileSync(pdf, file.bytes);
    const text = squash(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }));
    expect(text).toContain('Story: Quartiersmanagement Mitte');
    expect(text).toContain('Beschäftigungslotsen');
    // Budget and commitments as the programme's dashboard answers them.
    const dashboard = await ok('GET', `${base}/dashboard`, 'programm');
    const [cell] = dashboard.budget.cells as Json[];
    expect(cell).toMatchObject({
      year: 2026,
      line: 'projektfonds',
      planned: 100_000_00,
      committed: 20_000_00,
    });
    expect(text).toContain(
      `Geplant sind ${whole(cell.planned)} €, gebunden ${whole(cell.committed)} €, ausgegeben ${whole(cell.spent)} €`,
    );
    // The split by need, area by area, as the allocation answered it.
    expect(text).toContain(
      `Projektfonds 2026 (${whole(100_000_00)} €) nach Bedarf auf die Programmgebiete verteilt (Version 1): Bedarf nach Indikator, Sockelbetrag je Gebiet ${whole(5_000_00)} €.`,
    );
    for (const a of amounts) {
      const amount = whole(a.amount).replace('.', '\\.');
      expect(text).toMatch(new RegExp(`${a.area} \\D+ S1 \\d{4}: [\\d.,]+ [\\d,]+ ${amount}( |$)`));
    }
    // The attainment as the programme's attainment API answers it, per period.
    expect(text).toContain('Arbeitslosigkeit (S1)');
    expect(text).toContain(
      `${NEW_PERIOD} ${decimal(after.actual.value, 1)} ${Math.round(after.capped * 100)} Stand: gefährdet (gelb)`,
    );
  }, 600_000);
});
