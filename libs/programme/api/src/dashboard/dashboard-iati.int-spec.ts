import { requireReferenceData } from '@quartier/reference-data';
import { FixedClock } from '@quartier/service-kit';
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { deliverValues } from '../testing/evidence';
import {
  QM_PROGRAMME,
  startProgrammeTestApp,
  TENANT,
  type ProgrammeTestApp,
} from '../testing/programme-test-app';

const SCHEMA = requireReferenceData(
  ['iati-2.03/iati-activities-schema.xsd', 'iati-2.03/iati-common.xsd', 'iati-2.03/xml.xsd'],
  1,
);

describe('programme dashboard and IATI export (real PostgreSQL, real tokens)', () => {
  let t: ProgrammeTestApp;
  let programmeId: string;
  let running: string;

  beforeAll(async () => {
    t = await startProgrammeTestApp({ clock: new FixedClock(new Date('2026-06-01T10:00:00Z')) });
    // The registry's events carry a point inside each area (IATI locations need one).
    for (const [code, lon] of [
      ['0102', 13.33],
      ['0103', 13.36],
    ] as const)
      await t.deliver({
        type: 'registry.area.upserted',
        tenantId: TENANT,
        payload: {
          id: t.areas[code],
          tenantId: TENANT,
          code,
          name: code === '0102' ? 'Moabit' : 'Wedding',
          level: 'planungsraum',
          parentId: t.areas['01'],
          path: [t.areas['01']],
          population: 20_000,
          versionId: '00000000-0000-4000-8000-0000000000aa',
          validFrom: '2021-01-01',
          labelPoint: { lat: 52.53, lon },
        },
      });
    programmeId = (
      await t.call('POST', '/api/programme/programmes', 'programm', {
        ...QM_PROGRAMME,
        name: 'QM',
        iati: {
          reportingOrg: { ref: 'DE-BE-SENSBW', type: '10', name: 'Senatsverwaltung für Stadtentwicklung' },
          identifierPrefix: 'DE-BE-SENSBW-QM',
        },
      })
    ).body.id;
    await t.call('PUT', `/api/programme/programmes/${programmeId}/budget`, 'programm', {
      entries: [
        { year: 2026, line: 'projektfonds', amountCents: 100_000_00 },
        { year: 2026, line: 'aktionsfonds', amountCents: 10_000_00 },
      ],
    });
    await t.call('PUT', `/api/programme/programmes/${programmeId}/areas`, 'programm', {
      runId: null,
      rule: null,
      changes: ['0102', '0103'].map((c) => ({ action: 'add', areaId: t.areas[c], reason: 'QM-Gebiet' })),
    });
    const propose = (title: string, code: string, cents: number, field = 'bildung') =>
      t.call('POST', `/api/programme/programmes/${programmeId}/measures`, 'programm', {
        title,
        areaIds: [t.areas[code]],
        fieldOfAction: field,
        responsible: { name: `Träger ${title}` },
        budget: [{ year: 2026, line: 'projektfonds', amountCents: cents }],
        plannedStart: '2026-01-01',
        plannedEnd: '2026-12-31',
      });
    running = (await propose('Lernwerkstatt', '0102', 40_000_00)).body.id;
    await t.call('POST', `/api/programme/measures/${running}/transitions`, 'programm', { action: 'approve' });
    await t.call('POST', `/api/programme/measures/${running}/transitions`, 'programm', { action: 'start' });
    await t.call('PUT', `/api/programme/measures/${running}/expenditures`, 'programm', {
      entries: [{ year: 2026, line: 'projektfonds', amountCents: 12_345_67 }],
    });
    await propose('Kiezgarten', '0103', 30_000_00, 'nachbarschaft');
  });
  afterAll(() => t?.close());

  it('sums the budget per year and line and counts measures by status and field', async () => {
    const d = await t.call('GET', `/api/programme/programmes/${programmeId}/dashboard`, 'viewer');
    expect(d.status).toBe(200);
    const projektfonds = d.body.budget.cells.find((c: { line: string }) => c.line === 'projektfonds');
    expect(projektfonds).toEqual({
      year: 2026,
      line: 'projektfonds',
      planned: 100_000_00,
      committed: 40_000_00,
      proposed: 30_000_00,
      spent: 12_345_67,
      remaining: 60_000_00,
    });
    expect(d.body.measuresByStatus).toEqual({ running: 1, proposed: 1 });
    expect(d.body.measuresByField).toEqual({ bildung: 1, nachbarschaft: 1 });
    expect(d.body.areas.map((a: { code: string; measures: number }) => [a.code, a.measures])).toEqual([
      ['0102', 1],
      ['0103', 1],
    ]);
  });

  it('exports the measures as IATI activities with budgets, transactions, locations and results', async () => {
    await t.call('PUT', `/api/programme/measures/${running}/impact-model`, 'programm', {
      baseVersion: 0,
      model: {
        id: running,
        title: 'Lernwerkstatt',
        nodes: [
          { id: 'a', type: 'activity', title: 'Lernwerkstatt' },
          { id: 'o', type: 'output', step: 2, title: 'Kinder nehmen teil' },
          {
            id: 'c',
            type: 'outcome',
            step: 4,
            title: 'Bessere Schulabschlüsse',
            bindings: [
              {
                id: 'b1',
                label: 'Schulabbrecherquote',
                source: { kind: 'indicator', indicatorCode: 'K05', areas: { kind: 'programme-areas' } },
                baseline: { value: 12, period: '2024' },
                target: { value: 8, date: '2027-12-31' },
                polarity: 'lower-is-better',
              },
            ],
          },
        ],
        edges: [
          { from: 'a', to: 'o' },
          { from: 'o', to: 'c' },
        ],
      },
    });
    await deliverValues(t, 'K05', [
      { code: '0102', period: '2025', value: 10, numerator: 10, denominator: 100 },
    ]);
    const reply = await t.call('GET', `/api/programme/programmes/${programmeId}/iati`, 'viewer');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = reply.text;
    expect(xml).toMatch(/<iati-activities version="2.03" generated-datetime="2026-06-01T10:00:00.000Z"/);
    expect(xml).toContain(`<iati-identifier>DE-BE-SENSBW-QM-${running}</iati-identifier>`);
    expect(xml).toMatch(/<location ref="0102">[\s\S]*<pos>52.53 13.33<\/pos>/);
    expect(xml).toMatch(/<transaction>[\s\S]*value-date="2026-06-01">123\d\d\.67<\/value>/);
    expect(xml).toContain('Schulabbrecherquote');
    if (SCHEMA) {
      const [activities, common, xmlXsd] = SCHEMA.map((path) => readFileSync(path, 'utf8'));
      const result = await validateXML({
        xml: [{ fileName: 'activities.xml', contents: xml }],
        schema: [{ fileName: 'iati-activities-schema.xsd', contents: activities }],
        preload: [
          { fileName: 'iati-common.xsd', contents: common },
          { fileName: 'xml.xsd', contents: xmlXsd },
        ],
      });
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it('refuses IATI without a publisher and other tenants', async () => {
    const other = (
      await t.call('POST', '/api/programme/programmes', 'programm', { ...QM_PROGRAMME, name: 'Ohne IATI' })
    ).body;
    const refused = await t.call('GET', `/api/programme/programmes/${other.id}/iati`, 'viewer');
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/^iati:/);
    expect(
      (await t.call('GET', `/api/programme/programmes/${programmeId}/iati`, 'musterstadt-admin')).status,
    ).toBe(404);
    expect(
      (await t.call('GET', `/api/programme/programmes/${programmeId}/dashboard`, 'musterstadt-admin')).status,
    ).toBe(404);
  });
});
