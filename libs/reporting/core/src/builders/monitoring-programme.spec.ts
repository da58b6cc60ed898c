import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentTables } from '../model/document-flow';
import type { ReportDocument } from '../model/report-document';
import { assembleMonitoringReport, type MonitoringDataset } from '../pinned/assemble-monitoring';
import { assembleProgrammeReport, type ProgrammeDataset } from '../pinned/assemble-programme';
import { renderPdfBuffer } from '../render/pdf/pdf-renderer';
import { dejaVuFonts } from '../testing/fonts';
import { pinnedCityFixture } from '../testing/pinned-fixture';
import { buildMonitoringReport } from './monitoring-report';
import { buildProgrammeReport } from './programme-report';

const root = join(__dirname, '../../../../..');
const fonts = dejaVuFonts((p) => readFileSync(p), root);
const dir = mkdtempSync(join(tmpdir(), 'reporting-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Numbers and units are joined by no-break spaces in print; the assertions read plain spaces.
const plainText = (document: ReportDocument) => JSON.stringify(document).replace(/[\u00a0\u202f]/g, ' ');
const OPTIONS = { language: 'de' as const, asOf: '2024-03-01', generatedAt: '2024-03-01T08:00:00Z' };

function monitoringFixture(): MonitoringDataset {
  const city = pinnedCityFixture();
  const planning = city.areas.filter((a) => a.level === 'planungsraum');
  const classOf = (i: number) =>
    i === 7
      ? null
      : { code: String((i % 4) + 1), label: ['hoch', 'mittel', 'niedrig', 'sehr niedrig'][i % 4] };
  return {
    version: 1,
    kind: 'monitoring-report',
    tenant: city.tenant,
    areas: city.areas,
    geometry: city.geometry,
    run: {
      id: 'r2',
      label: 'MSS 2021',
      period: '2020',
      level: 'planungsraum',
      definition: {
        id: 'mss-2021',
        label: 'Monitoring Soziale Stadtentwicklung 2021',
        population: 'EW',
        minPopulation: 300,
        excludeAreas: ['0999'],
        indices: [
          {
            id: 'status',
            label: 'Status-Index',
            indicators: ['S1', 'S2'],
            weights: { S2: 2 },
            classes: [
              { code: '1', label: 'hoch', upTo: -1, inclusive: false },
              { code: '2', label: 'mittel', upTo: 1, inclusive: true },
              { code: '3', label: 'niedrig', upTo: 1.5, inclusive: true },
              { code: '4', label: 'sehr niedrig' },
            ],
          },
        ],
      },
      areaCount: 8,
      validAreaCount: 7,
    },
    previousRun: { id: 'r1', label: 'MSS 2019', period: '2018' },
    indices: [
      {
        id: 'status',
        classes: Object.fromEntries(planning.map((a, i) => [a.id, classOf(i)])),
        values: Object.fromEntries(planning.map((a, i) => [a.id, i === 7 ? null : i / 4 - 1])),
        movers: [
          {
            areaId: planning[1].id,
            code: planning[1].code,
            name: planning[1].name,
            from: { class: '1', label: 'hoch' },
            to: { class: '2', label: 'mittel' },
            direction: 'worse',
          },
        ],
      },
    ],
    indicatorNames: { S1: { de: 'Arbeitslosigkeit', en: 'Unemployment' }, S2: 'Langzeitarbeitslosigkeit' },
  };
}

function programmeFixture(): ProgrammeDataset {
  const point = (period: string, actual: number | 'suppressed', capped: number | null) => ({
    period,
    actual,
    capped,
    light: null,
  });
  return {
    version: 1,
    kind: 'programme-report',
    tenant: pinnedCityFixture().tenant,
    programme: {
      id: 'p',
      name: 'Quartiersmanagement',
      funder: 'Land Berlin',
      legalBasis: 'Förderrichtlinie',
      description: 'Gebiete mit besonderem Entwicklungsbedarf.',
      status: 'active',
      fundingPeriods: [{ label: 'Förderperiode 2024–2027', from: '2024-01-01', to: '2027-12-31' }],
      budgetLines: [{ key: 'projektfonds', label: 'Projektfonds' }],
      fieldsOfAction: [{ key: 'bildung', label: 'Bildung' }],
    },
    budget: [
      {
        year: 2024,
        line: 'projektfonds',
        planned: 1_000_000,
        committed: 400_000,
        spent: 300_000,
        remaining: 600_000,
      },
      { year: 2025, line: 'projektfonds', planned: 1_000_000, committed: 0, spent: 0, remaining: 1_000_000 },
    ],
    measuresByField: { bildung: 2 },
    areas: [{ id: 'a', code: '0101', name: 'Moabit', population: 12_000, measures: 2, budgetCents: 700_000 }],
    allocations: [
      {
        line: 'projektfonds',
        year: 2024,
        version: 2,
        need: 'indicator',
        budget: 1_000_000,
        floor: 100_000,
        cap: null,
        areas: [
          { code: '0101', name: 'Moabit', basis: 'S1 2023: 12.5', needShare: 0.625, amount: 662_500 },
          { code: '0102', name: 'Wedding', basis: 'S1 2023: 7.5', needShare: 0.375, amount: 337_500 },
        ],
      },
    ],
    measures: [
      {
        title: 'Elterncafé',
        fieldOfAction: 'bildung',
        areas: [{ code: '0101', name: 'Moabit' }],
        status: 'running',
        budgetCents: 400_000,
        spentCents: 300_000,
      },
      {
        title: 'Lernwerkstatt',
        fieldOfAction: 'bildung',
        areas: [],
        status: 'proposed',
        budgetCents: 300_000,
        spentCents: 0,
      },
    ],
    impactModel: {
      title: 'Wirkungsmodell QM',
      nodes: [
        {
          id: 'i',
          type: 'impact',
          step: 7,
          title: 'Weniger Kinderarmut',
          assumptions: ['Arbeitsmarkt stabil'],
        },
      ],
    },
    attainment: [
      {
        nodeId: 'i',
        title: 'Weniger Kinderarmut',
        type: 'impact',
        step: 7,
        bindings: [
          {
            label: 'Kinderarmut in den Gebieten',
            unit: '%',
            baseline: { value: 40, period: '2019' },
            target: { value: 35, date: '2027-12-31' },
            current: { ...point('2023', 38, 0.4), light: 'red' },
            series: [point('2021', 39, 0.2), point('2022', 'suppressed', null), point('2023', 38, 0.4)],
          },
        ],
      },
    ],
  };
}

describe('buildMonitoringReport', () => {
  it('has class maps and counts, movers, a table per district and a methods annex from the definition', () => {
    const document = buildMonitoringReport(assembleMonitoringReport(monitoringFixture(), OPTIONS), 'de');
    expect(document.metadata.title).toBe('Monitoringbericht MSS 2021');
    const tables = documentTables(document);
    const counts = tables.find((t) => t.id === 'klassen-status')!;
    expect(counts.rows.map((r) => r.cells.slice(0, 3))).toEqual([
      ['1', 'hoch', 2],
      ['2', 'mittel', 2],
      ['3', 'niedrig', 2],
      ['4', 'sehr niedrig', 1],
    ]);
    expect(tables.find((t) => t.id === 'veraenderungen-1')!.rows[0].cells.slice(2)).toEqual([
      '1 hoch',
      '2 mittel',
      'schlechter',
    ]);
    const districts = tables.filter((t) => t.id.startsWith('gebiete-'));
    expect(districts.map((t) => t.rows.length)).toEqual([4, 4]);
    expect(districts[1].rows[3].cells[3]).toBe('nicht eingestuft');
    const method = tables.find((t) => t.id === 'methodik-indikatoren-1')!;
    expect(method.rows).toEqual([
      { cells: ['S1', 'Arbeitslosigkeit', 'höher = ungünstiger', 1] },
      { cells: ['S2', 'Langzeitarbeitslosigkeit', 'höher = ungünstiger', 2] },
    ]);
    expect(tables.find((t) => t.id === 'methodik-schwellen-1')!.rows.map((r) => r.cells[2])).toEqual([
      '< -1,00',
      '≤ 1,00',
      '≤ 1,50',
      'darüber',
    ]);
    const text = plainText(document);
    expect(text).toContain('mindestens 300 Einwohnerinnen und Einwohnern');
    expect(text).toContain('Von der Einstufung ausgenommen: 0999.');
    expect(document.annex?.[0].title).toBe('Methodik');
  });

  it('renders a tagged PDF with the class map as a figure', async () => {
    const document = buildMonitoringReport(assembleMonitoringReport(monitoringFixture(), OPTIONS), 'de');
    const file = join(dir, 'monitoring.pdf');
    writeFileSync(file, await renderPdfBuffer(document, fonts));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Abbildung 1: Status-Index: Klassen der Gebiete');
  });
});

describe('buildProgrammeReport', () => {
  it('follows the Social Reporting Standard: problem, approach, input, output, outcomes per period, finances, outlook', () => {
    const document = buildProgrammeReport(assembleProgrammeReport(programmeFixture(), OPTIONS), 'de');
    expect(document.sections.map((s) => s.title)).toEqual([
      'Das gesellschaftliche Problem',
      'Der Lösungsansatz',
      'Ressourcen (Input)',
      'Leistungen (Output)',
      'Wirkungen (Outcome und Impact)',
      'Finanzen',
      'Planung und Ausblick',
      'Organisation',
    ]);
    const text = plainText(document);
    expect(text).toContain(
      'Geplant sind 20.000 €, gebunden 4.000 €, ausgegeben 3.000 €; verfügbar bleiben 16.000 €.',
    );
    expect(text).toContain('Annahme: Arbeitsmarkt stabil');
    expect(text).toContain(
      'Projektfonds 2024 (10.000 €) nach Bedarf auf die Programmgebiete verteilt (Version 2): Bedarf nach Indikator, Sockelbetrag je Gebiet 1.000 €.',
    );
    expect(
      documentTables(document)
        .find((t) => t.id === 'verteilung-2024-projektfonds')!
        .rows.map((r) => r.cells),
    ).toEqual([
      ['0101', 'Moabit', 'S1 2023: 12,5', 62.5, 662_500],
      ['0102', 'Wedding', 'S1 2023: 7,5', 37.5, 337_500],
    ]);
    expect(text).toContain(
      'Kinderarmut in den Gebieten: Ausgangswert 40,0 % (2019), Zielwert 35,0 % bis 31.12.2027.',
    );
    expect(text).toContain('1 Maßnahmen sind beantragt, 0 bewilligt');
    expect(text).toContain('Noch nicht im Plan: Weniger Kinderarmut.');
    const attainment = documentTables(document).find((t) => t.id === 'zielerreichung-1')!;
    expect(attainment.rows.map((r) => r.cells)).toEqual([
      ['2021', 39, 20],
      ['2022', { status: 'suppressed' }, { status: 'missing' }],
      ['2023', 38, 40],
    ]);
    expect(
      documentTables(document)
        .find((t) => t.id === 'massnahmen')!
        .rows[1].cells.slice(0, 4),
    ).toEqual(['Lernwerkstatt', 'Bildung', '–', 'beantragt']);
  });

  it('says so when no goal is bound to evidence, and writes English', () => {
    const data = { ...programmeFixture(), attainment: [], impactModel: null };
    const document = buildProgrammeReport(
      assembleProgrammeReport(data, { ...OPTIONS, language: 'en' }),
      'en',
    );
    const text = plainText(document);
    expect(document.metadata.title).toBe('Programme report Quartiersmanagement');
    expect(text).toContain('No goals of the impact model are bound to evidence yet.');
    expect(text).toContain('No impact model is recorded for the programme.');
  });
});
