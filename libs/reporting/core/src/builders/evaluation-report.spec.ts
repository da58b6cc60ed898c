import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentFlow, documentTables } from '../model/document-flow';
import type { ReportDocument, ReportFigure } from '../model/report-document';
import { assembleEvaluationReport, type EvaluationDataset } from '../pinned/assemble-evaluation';
import { renderDocxBuffer } from '../render/docx/docx-renderer';
import { renderPdfBuffer } from '../render/pdf/pdf-renderer';
import { renderXlsxBuffer } from '../render/xlsx/xlsx-renderer';
import { dejaVuFonts } from '../testing/fonts';
import { pinnedCityFixture } from '../testing/pinned-fixture';
import { buildEvaluationReport } from './evaluation-report';

const root = join(__dirname, '../../../../..');
const fonts = dejaVuFonts((p) => readFileSync(p), root);
const dir = mkdtempSync(join(tmpdir(), 'reporting-evaluation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Numbers and units are joined by no-break spaces in print; the assertions read plain spaces.
const plainText = (document: ReportDocument) => JSON.stringify(document).replace(/[\u00a0\u202f]/g, ' ');
const OPTIONS = { language: 'de' as const, asOf: '2024-03-01', generatedAt: '2024-03-01T08:00:00Z' };
const HASH = 'a'.repeat(64);

/** An evaluation of two planning areas of the synthetic city against two matched areas. */
function evaluationFixture(): EvaluationDataset {
  const city = pinnedCityFixture();
  const planning = city.areas.filter((a) => a.level === 'planungsraum');
  const result = (role: 'treated' | 'comparison', i: number) => ({
    id: planning[i].id,
    code: planning[i].code,
    name: planning[i].name,
    level: 'planungsraum',
    population: planning[i].population,
    role,
  });
  return {
    version: 1,
    kind: 'evaluation-report',
    tenant: city.tenant,
    areas: city.areas,
    geometry: city.geometry,
    criteria: [
      {
        code: 'relevance',
        label: { de: 'Relevanz', en: 'Relevance' },
        question: { de: 'Tut die Maßnahme das Richtige?', en: 'Is the intervention doing the right things?' },
      },
      {
        code: 'effectiveness',
        label: { de: 'Effektivität', en: 'Effectiveness' },
        question: {
          de: 'Erreicht die Maßnahme ihre Ziele?',
          en: 'Is the intervention achieving its objectives?',
        },
      },
      {
        code: 'impact',
        label: { de: 'Übergeordnete Wirkungen (Impact)', en: 'Impact' },
        question: { de: 'Welchen Unterschied macht die Maßnahme?', en: 'What difference does it make?' },
      },
    ],
    scale: [
      { code: 1, label: { de: 'sehr erfolgreich', en: 'very successful' } },
      { code: 2, label: { de: 'erfolgreich', en: 'successful' } },
      { code: 3, label: { de: 'eingeschränkt erfolgreich', en: 'partially successful' } },
      { code: 4, label: { de: 'nicht erfolgreich', en: 'unsuccessful' } },
    ],
    statuses: [
      { code: 'draft', label: { de: 'Entwurf', en: 'draft' } },
      { code: 'final', label: { de: 'abgeschlossen', en: 'final' } },
    ],
    evaluation: {
      id: 'e1',
      title: 'QM Nord: Wirkungsevaluation',
      object: {
        kind: 'programme',
        programmeName: 'Quartiersmanagement',
        measureTitle: null,
        areas: [planning[0], planning[1]].map((a) => ({
          id: a.id,
          code: a.code,
          name: a.name,
          level: a.level,
        })),
      },
      startPeriod: '2015',
      status: 'final',
      questions: ['Sinkt die Arbeitslosigkeit stärker als in vergleichbaren Gebieten?'],
      ratings: [
        {
          criterion: 'relevance',
          rating: 1,
          justification: 'Die Gebiete haben den höchsten Bedarf.',
          evidence: [{ kind: 'indicator', ref: 'MSS 2015' }],
        },
        {
          criterion: 'effectiveness',
          rating: 2,
          justification: 'Die Arbeitslosigkeit sank um 1,25 Pp. stärker.',
          evidence: [
            { kind: 'did', ref: 'S1' },
            { kind: 'balance', ref: 'S1' },
          ],
        },
      ],
      unrated: ['impact'],
      findings: ['Arbeitslosigkeit in den Fördergebieten 12,00 → 10,00 %.'],
      recommendations: ['Förderung fortführen.'],
      adjustments: [{ action: 'drop', areaId: planning[7].id, reason: 'Sonderfall Großsiedlung' }],
    },
    resultsProblem: null,
    results: {
      source: 'snapshot',
      evidenceHash: HASH,
      snapshot: { id: '5b0c6a9e-0000-4000-8000-000000000001', hash: HASH, takenAt: '2024-02-01T10:00:00Z' },
      pre: ['2012', '2014'],
      post: ['2016', '2018'],
      indicators: [
        { code: 'S1', name: 'Arbeitslosigkeit', unit: '%' },
        { code: 'S4', name: 'Kinderarmut', unit: '%' },
      ],
      reference: { label: 'Teststadt', level: 'planungsraum', areaCount: 8 },
      areas: [result('treated', 0), result('treated', 1), result('comparison', 4), result('comparison', 5)],
      matching: { period: '2014', indicators: ['S1', 'S4'], k: 1 },
      comparison: [
        { area: planning[4].code, weight: 1, origin: 'matched' },
        { area: planning[5].code, weight: 1, origin: 'matched' },
      ],
      balance: [
        {
          indicator: 'S1',
          treated: 12,
          before: { mean: 8, smd: 1.234 },
          after: { mean: 11.5, smd: 0.081 },
        },
      ],
      outcomes: [
        {
          indicator: 'S1',
          beforeAfter: {
            programme: { before: 12, after: 10, change: -2, withheld: false },
            reference: { before: 8, after: 7.5, change: -0.5, withheld: false },
          },
          did: {
            estimate: -1.25,
            p: 0.0312,
            ci95: [-2.375, -0.125],
            observations: 16,
            clusters: { treated: 2, comparison: 2 },
            means: { treated: { pre: 12, post: 10 }, comparison: { pre: 11.5, post: 10.75 } },
          },
          eventStudy: {
            reference: '2014',
            points: [
              { period: '2012', relative: -2, reference: false, estimate: 0.5, ci95: [-0.5, 1.5] },
              { period: '2014', relative: -1, reference: true, estimate: 0, ci95: [0, 0] },
              { period: '2016', relative: 0, reference: false, estimate: -1, ci95: [-2, 0] },
            ],
            omitted: [{ period: '2018', relative: 1, reason: 'no-comparison-observation' }],
          },
        },
        {
          indicator: 'S4',
          beforeAfter: {
            programme: { before: null, after: null, change: null, withheld: true },
            reference: { before: 30, after: 29, change: -1, withheld: false },
          },
          did: { error: { code: 'TooFewAreas', message: 'treated has 1 area with observations' } },
          eventStudy: { error: { code: 'TooFewAreas', message: 'treated has 1 area with observations' } },
        },
      ],
    },
  };
}

const build = (data: EvaluationDataset, language: 'de' | 'en' = 'de') =>
  buildEvaluationReport(assembleEvaluationReport(data, { ...OPTIONS, language }), language);

describe('buildEvaluationReport', () => {
  it('has design, areas, results per outcome, DAC ratings, findings, recommendations and the evidence', () => {
    const document = build(evaluationFixture());
    expect(document.metadata).toMatchObject({
      type: 'evaluation-report',
      title: 'Evaluationsbericht QM Nord: Wirkungsevaluation',
      subtitle: 'Programm „Quartiersmanagement“ – Beginn 2015',
    });
    expect(document.sections.map((s) => s.title)).toEqual([
      'Gegenstand und Fragen',
      'Design',
      'Förder- und Vergleichsgebiete',
      'Ergebnisse',
      'Bewertung nach den DAC-Kriterien',
      'Befunde',
      'Empfehlungen',
      'Datengrundlage',
    ]);
    expect(document.sections[3].sections?.map((s) => s.title)).toEqual(['Arbeitslosigkeit', 'Kinderarmut']);
    const text = plainText(document);
    expect(text).toContain('Status der Evaluation: abgeschlossen');
    expect(text).toContain('Verglichen werden die Perioden 2012, 2014 (vorher) mit 2016, 2018 (nachher).');
    expect(text).toContain(
      'je Fördergebiet die 1 nächsten Gebiete nach Arbeitslosigkeit, Kinderarmut in 2014',
    );
    const dropped = pinnedCityFixture().areas.find((a) => a.id === 'p8')!;
    expect(text).toContain(`entfernt ${dropped.code} ${dropped.name}: Sonderfall Großsiedlung`);
    expect(text).toContain(
      'Differenz-von-Differenzen: -1,25 Pp. (95-%-Konfidenzintervall -2,38 bis -0,13; p = 0,031; 16 Beobachtungen aus 2 Förder- und 2 Vergleichsgebieten).',
    );
    expect(text).toContain(
      'Vorher/nachher in den Fördergebieten 12,00 % → 10,00 %, in der Gesamtstadt 8,00 % → 7,50 %.',
    );
    expect(text).toContain(
      'Keine Schätzung der Differenz-von-Differenzen: Eine Gruppe hat weniger als zwei Gebiete mit Werten.',
    );
    expect(text).toContain(
      'Einzelne Vorher/Nachher-Werte werden zum Schutz kleiner Fallzahlen nicht ausgewiesen',
    );
    expect(text).toContain('Ohne Schätzung: 2018 (kein Wert der Vergleichsgebiete).');
    expect(text).toContain('Noch nicht bewertet: Übergeordnete Wirkungen (Impact).');
    expect(text).toContain(
      `Alle Zahlen sind aus dem eingefrorenen Evidenzstand 5b0c6a9e-0000-4000-8000-000000000001 vom 01.02.2024 berechnet (Prüfsumme ${HASH}).`,
    );
    const tables = documentTables(document);
    const areas = tables.find((t) => t.id === 'gebiete')!;
    expect(areas.rows.map((r) => r.cells[2])).toEqual([
      'Fördergebiet',
      'Fördergebiet',
      'Vergleich (gematcht)',
      'Vergleich (gematcht)',
    ]);
    expect(tables.find((t) => t.id === 'mittelwerte-1')!.rows.map((r) => r.cells)).toEqual([
      ['Fördergebiete', 12, 10, -2],
      ['Vergleichsgebiete', 11.5, 10.75, -0.75],
    ]);
    // The reference period is zero by construction and is not an estimate.
    expect(tables.find((t) => t.id === 'ereignisstudie-werte-1')!.rows.map((r) => r.cells)).toEqual([
      ['2012', -2, 0.5, -0.5, 1.5],
      ['2016', 0, -1, -2, 0],
    ]);
    expect(tables.find((t) => t.id === 'balance')!.rows[0].cells).toEqual([
      'Arbeitslosigkeit',
      '12,00\u00a0%',
      '8,00\u00a0%',
      1.234,
      '11,50\u00a0%',
      0.081,
    ]);
    expect(tables.find((t) => t.id === 'dac-bewertung')!.rows.map((r) => r.cells)).toEqual([
      ['Relevanz', '1 – sehr erfolgreich', 'Die Gebiete haben den höchsten Bedarf.', 'Indikator MSS 2015'],
      [
        'Effektivität',
        '2 – erfolgreich',
        'Die Arbeitslosigkeit sank um 1,25 Pp. stärker.',
        'DiD S1; Balance S1',
      ],
    ]);
  });

  it("reports each outcome's event study against its own reference period (a yearly and a quarterly outcome)", () => {
    const data = evaluationFixture();
    const [yearly, other] = data.results!.outcomes;
    data.results!.outcomes = [
      yearly,
      {
        ...other,
        did: yearly.did,
        eventStudy: {
          reference: '2014Q4',
          points: [
            { period: '2014Q3', relative: -2, reference: false, estimate: 0.25, ci95: [-0.5, 1] },
            { period: '2014Q4', relative: -1, reference: true, estimate: 0, ci95: [0, 0] },
            { period: '2015Q1', relative: 0, reference: false, estimate: -0.75, ci95: [-1.5, 0] },
          ],
          omitted: [],
        },
      },
    ];
    const document = build(data);
    const captions = documentFlow(document).flatMap((item) =>
      item.kind === 'block' &&
      item.block.kind === 'figure' &&
      item.block.figure.id.startsWith('ereignisstudie-')
        ? [item.block.figure.caption]
        : [],
    );
    expect(captions).toEqual([
      'Arbeitslosigkeit: Ereignisstudie (Abstand zur Referenzperiode 2014)',
      'Kinderarmut: Ereignisstudie (Abstand zur Referenzperiode 2014Q4)',
    ]);
    const tables = documentTables(document);
    expect(tables.find((t) => t.id === 'ereignisstudie-werte-2')!.rows.map((r) => r.cells)).toEqual([
      ['2014Q3', -2, 0.25, -0.5, 1],
      ['2015Q1', 0, -0.75, -1.5, 0],
    ]);
  });

  it('draws programme, comparison and other areas of the level on one map with district outlines', () => {
    const document = build(evaluationFixture());
    const figure = document.sections[2].blocks.find((b) => b.kind === 'figure') as
      { kind: 'figure'; figure: ReportFigure } | undefined;
    expect(figure?.figure.kind).toBe('map');
    expect(figure!.figure.alt).toBe(
      'Karte von 8 Gebieten nach Klassen. Fördergebiete: 2, Vergleichsgebiete: 2, übrige Gebiete: 4.',
    );
    const svg = figure!.figure.svg;
    expect(svg.match(/<path d="[^"]+" fill="#1f3b5a"/g)).toHaveLength(2);
    expect(svg.match(/<path d="[^"]+" fill="#86b3d1"/g)).toHaveLength(2);
    expect(svg.match(/<path d="[^"]+" fill="#eeeeee"/g)).toHaveLength(4);
    // The two districts are outlined over the planning areas.
    expect(svg.match(/<g fill="none" stroke="#1a1a1a"[^>]*>(.*?)<\/g>/)?.[1].match(/<path /g)).toHaveLength(
      2,
    );
  });

  it('writes English, names live evidence, chosen comparison areas and a failed matching', () => {
    const data = evaluationFixture();
    const results = data.results!;
    results.source = 'live';
    results.snapshot = null;
    results.matching = null;
    data.evaluation.status = 'draft';
    data.evaluation.ratings = [];
    data.evaluation.findings = [];
    const document = build(data, 'en');
    const text = plainText(document);
    expect(document.metadata.title).toBe('Evaluation report QM Nord: Wirkungsevaluation');
    expect(text).toContain('The comparison areas were chosen directly.');
    expect(text).toContain('Status of the evaluation: draft');
    expect(text).toContain('No criterion has been rated yet.');
    expect(text).toContain(
      `The numbers are computed from live data; there is no frozen evidence snapshot yet (checksum of the data ${HASH}).`,
    );
    expect(text).toContain('Difference-in-differences: -1.25 pp (95 % confidence interval -2.38 to -0.13');
    results.matching = { error: { code: 'NotEnoughCandidates', message: 'x' } };
    expect(plainText(build(data, 'en'))).toContain(
      'Matching gave no comparison areas: There are fewer candidates than comparison areas sought.',
    );
  });

  it('reports an evaluation without numbers yet: object, evaluated areas on the map, ratings, the reason', () => {
    const data = { ...evaluationFixture(), results: null, resultsProblem: 'DesignIncomplete' };
    const document = build(data);
    const text = plainText(document);
    const reason = 'Die Evaluation hat noch keine Zahlen: ihr Design nennt noch keine Indikatoren';
    expect(text.split(reason)).toHaveLength(4); // design, results, evidence
    expect(document.sections[3].sections ?? []).toEqual([]);
    const areas = documentTables(document).find((t) => t.id === 'gebiete')!;
    expect(areas.rows.map((r) => r.cells[2])).toEqual(['Fördergebiet', 'Fördergebiet']);
    expect(documentTables(document).find((t) => t.id === 'dac-bewertung')!.rows).toHaveLength(2);
    const other = build({ ...data, resultsProblem: 'Whatever' });
    expect(plainText(other)).toContain('Die Evaluation hat noch keine Zahlen (Whatever).');
  });

  it('renders a tagged PDF with the DiD, the DAC ratings, the map and the event study, and DOCX and XLSX', async () => {
    const document = build(evaluationFixture());
    const file = join(dir, 'evaluation.pdf');
    writeFileSync(file, await renderPdfBuffer(document, fonts));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Differenz-von-Differenzen: -1,25 Pp.');
    expect(text).toContain('2 – erfolgreich');
    expect(text).toContain('Förder- und Vergleichsgebiete (Planungsraum)');
    expect(text).toContain('Arbeitslosigkeit: Ereignisstudie (Abstand zur Referenzperiode 2014)');
    expect((await renderDocxBuffer(document)).subarray(0, 2).toString()).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsxBuffer(document)) as unknown as ExcelJS.Buffer);
    const sheets = workbook.worksheets.map((w) => w.name);
    expect(sheets).toEqual(
      expect.arrayContaining(['Gebiete', 'Mittelwerte 1', 'Ereignisstudie 1', 'DAC-Bewertung']),
    );
    const did = workbook.getWorksheet('Ereignisstudie 1')!;
    expect(did.getRow(2).getCell(3).value).toBe(0.5);
  });
});
