import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timeSeriesChart } from '../../charts/time-series-chart';
import { MISSING, SUPPRESSED } from '../../model/blocks';
import type { ReportDocument } from '../../model/report-document';
import { ReportingError } from '../../reporting-error';
import { dejaVuFonts } from '../../testing/fonts';
import { sampleDocument, sampleTable } from '../../testing/sample-document';
import { renderPdfBuffer } from './pdf-renderer';

const root = join(__dirname, '../../../../../..');
const fonts = dejaVuFonts((p) => readFileSync(p), root);
const dir = mkdtempSync(join(tmpdir(), 'reporting-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function longDocument(language: 'de' | 'en' = 'de'): ReportDocument {
  const document = sampleDocument();
  document.metadata = { ...document.metadata, language };
  const rows = Array.from({ length: 90 }, (_, i) => ({
    cells: [
      `Planungsraum ${i + 1} – Größenordnung`,
      i === 5 ? SUPPRESSED : 3.25 + i,
      i === 6 ? MISSING : -0.5,
      1000 + i,
      250_000 * i,
    ],
  }));
  const chart = timeSeriesChart({
    id: 'trend',
    periods: ['2020', '2021', '2022', '2023', '2024'],
    series: [{ name: 'Arbeitslosigkeit', values: [9.1, 8.7, 8.2, 7.9, 7.25] }],
    format: { kind: 'percent', digits: 1 },
    language,
  });
  document.sections.push({
    id: 'alle-gebiete',
    title: 'Alle Planungsräume',
    blocks: [
      {
        kind: 'figure',
        figure: {
          id: 'trend',
          kind: 'chart',
          svg: chart.svg,
          width: chart.width,
          height: chart.height,
          alt: chart.summary,
          caption: 'Entwicklung der Arbeitslosigkeit',
        },
      },
      { kind: 'table', table: sampleTable({ id: 'alle', caption: 'Alle Planungsräume im Überblick', rows }) },
    ],
  });
  return document;
}

function write(name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

describe('renderPdf', () => {
  let file: string;
  let info: string;
  beforeAll(async () => {
    file = write('profil.pdf', await renderPdfBuffer(longDocument(), fonts));
    info = poppler('pdfinfo', file);
  });

  it('writes a tagged A4 PDF with title and several pages', () => {
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Sozialraumprofil Müggelheim$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(Number(/^Pages:\s+(\d+)$/m.exec(info)![1])).toBeGreaterThanOrEqual(4);
    expect(info).toMatch(/^CreationDate:.*2025/m);
  });

  it('embeds every font, and only DejaVu', () => {
    const fontsTable = poppler('pdffonts', file).trim().split('\n').slice(2);
    expect(fontsTable.length).toBeGreaterThanOrEqual(2);
    for (const line of fontsTable) {
      expect(line).toMatch(/DejaVuSans/);
      expect(line).toMatch(/ yes yes yes /);
    }
  });

  it('carries the German text, formatted numbers, marks and their legend', () => {
    const text = poppler('pdftotext', '-layout', file, '-');
    for (const expected of [
      'Sozialraumprofil Müggelheim',
      'Bezirksregion im Bezirk Treptow-Köpenick',
      'Datenstand: 31.12.2024',
      'run-2024-12',
      'Einwohner',
      '6.789',
      '22,4 km²',
      'Arbeitslosigkeit (SGB II)',
      '1.234.567,89',
      '12.345',
      'Veränderung',
      '(Pp.)',
      '• Wert gesperrt (Geheimhaltung kleiner Fallzahlen); – keine Daten',
      'Quelle: Amt für Statistik (synthetisch)',
      'Größe',
      'Für dieses Gebiet liegen keine Befragungsergebnisse vor.',
      'A.1 Methoden',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('numbers pages "Seite n von m" and lists headings with their pages in the table of contents', () => {
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
    const first = poppler('pdftotext', '-layout', '-f', '1', '-l', '1', file, '-');
    expect(first).toContain(`Seite 1 von ${pages}`);
    expect(first).toMatch(/Inhalt/);
    expect(first).toMatch(/1 Überblick \.+\s+2/);
    const last = poppler('pdftotext', '-f', String(pages), '-l', String(pages), file, '-');
    expect(last).toContain(`Seite ${pages} von ${pages}`);
    const annexPage = Number(/A Anhang \.+\s+(\d+)/.exec(first)![1]);
    expect(poppler('pdftotext', '-f', String(annexPage), '-l', String(annexPage), file, '-')).toContain(
      'A.1 Methoden',
    );
  });

  it('repeats the header row of a table that continues on the next page', () => {
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
    const withRows = Array.from({ length: pages }, (_, i) =>
      poppler('pdftotext', '-f', String(i + 1), '-l', String(i + 1), file, '-'),
    ).filter((page) => page.includes('Planungsraum 5') || page.includes('Planungsraum 89'));
    const continued = Array.from({ length: pages }, (_, i) =>
      poppler('pdftotext', '-f', String(i + 1), '-l', String(i + 1), file, '-'),
    ).filter((page) => /Planungsraum \d+ – Größenordnung/.test(page));
    expect(withRows.length).toBeGreaterThanOrEqual(1);
    expect(continued.length).toBeGreaterThanOrEqual(2);
    for (const page of continued) expect(page).toContain('Budget (€)');
  });

  it('puts headings, tables with header cells and figures with alternative text into the structure tree', () => {
    const structure = poppler('pdfinfo', '-struct-text', file);
    expect(structure).toMatch(/^Document/m);
    for (const tag of [
      'H1',
      'H2',
      'P',
      'L',
      'LI',
      'Table',
      'THead',
      'TBody',
      'TR',
      'TH',
      'TD',
      'Figure',
      'Caption',
      'TOC',
      'TOCI',
    ])
      expect(structure).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    expect(structure).toContain('"1 Überblick"');
    const raw = readFileSync(file).toString('latin1');
    // Non-ASCII strings are written as UTF-16BE with a byte-order mark.
    const utf16 = (s: string) => Buffer.from(s, 'utf16le').swap16().toString('latin1');
    expect(raw).toContain(`/Alt (${utf16('\ufeffLiniendiagramm von 2020 bis 2024. Arbeitslosigkeit: 9,1')}`);
    expect(raw).toContain(`/Alt (${utf16('\ufeffKarte des Gebiets Müggelheim')}`);
    expect(raw).toContain('/Lang (de-DE)');
    expect(raw).toMatch(/\/DisplayDocTitle true/);
  });

  it('writes the English edition with English page numbers', async () => {
    const english = write('profile-en.pdf', await renderPdfBuffer(longDocument('en'), fonts));
    const text = poppler('pdftotext', english, '-');
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toContain('Contents');
    expect(text).toContain('1,234,567.89');
    expect(readFileSync(english).toString('latin1')).toContain('/Lang (en-GB)');
  });

  it('renders the same document to the same bytes (pinned reports regenerate identically)', async () => {
    const a = await renderPdfBuffer(sampleDocument(), fonts);
    const b = await renderPdfBuffer(sampleDocument(), fonts);
    expect(a.equals(b)).toBe(true);
  });

  it('rejects a font that is not TrueType, naming the face', async () => {
    await expect(
      renderPdfBuffer(sampleDocument(), { ...fonts, bold: new Uint8Array([1, 2, 3, 4, 5]) }),
    ).rejects.toEqual(new ReportingError('InvalidFont', 'the bold font is not a TrueType font (5 bytes)'));
  });

  it('rejects an invalid document before writing anything', async () => {
    const bad = { ...sampleDocument(), sections: [] };
    await expect(renderPdfBuffer(bad, fonts)).rejects.toMatchObject({ code: 'InvalidDocument' });
  });
});
