import { bulletList, MISSING, note, paragraph, strong, SUPPRESSED } from '../model/blocks';
import type { ReportDocument, ReportFigure, ReportTable } from '../model/report-document';

// A small but complete document for the model and renderer specs: every block kind, both cell
// marks, nested sections, notes and an annex, German text with umlauts.

export const SAMPLE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">' +
  '<rect x="10" y="10" width="80" height="80" fill="#444"/><text x="100" y="50" font-size="12">Größe</text></svg>';

export function sampleTable(overrides: Partial<ReportTable> = {}): ReportTable {
  return {
    id: 'indikatoren',
    caption: 'Kernindikatoren im Vergleich',
    shortTitle: 'Kernindikatoren',
    columns: [
      { key: 'indikator', header: 'Indikator', format: { kind: 'text' } },
      { key: 'wert', header: 'Wert', format: { kind: 'percent', digits: 1 } },
      { key: 'veraenderung', header: 'Veränderung', format: { kind: 'percentage-points', digits: 1 } },
      { key: 'einwohner', header: 'Einwohner', format: { kind: 'integer' } },
      { key: 'budget', header: 'Budget', format: { kind: 'eur-cents', digits: 2 } },
    ],
    rows: [
      { cells: ['Arbeitslosigkeit (SGB II)', 7.25, -0.4, 12345, 123456789] },
      { cells: ['Kinderarmut', SUPPRESSED, MISSING, 980, 0], role: 'highlight' },
      { cells: ['Transferbezug', 14.1, 1.25, 1234567, 5000], role: 'total' },
    ],
    source: 'Amt für Statistik (synthetisch)',
    ...overrides,
  };
}

export function sampleFigure(overrides: Partial<ReportFigure> = {}): ReportFigure {
  return {
    id: 'karte',
    kind: 'map',
    svg: SAMPLE_SVG,
    width: 200,
    height: 100,
    alt: 'Karte des Gebiets Müggelheim mit seinen vier Planungsräumen',
    caption: 'Das Gebiet und seine Planungsräume',
    ...overrides,
  };
}

export function sampleDocument(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
    schemaVersion: 1,
    metadata: {
      type: 'area-profile',
      title: 'Sozialraumprofil Müggelheim',
      subtitle: 'Bezirksregion im Bezirk Treptow-Köpenick',
      language: 'de',
      organisation: 'Bezirksamt Treptow-Köpenick',
      author: 'Sozialraumorientierte Planungskoordination',
      asOf: '2024-12-31',
      generatedAt: '2025-03-01T09:30:00Z',
      pin: { dataId: 'run-2024-12', contentHash: 'sha256:9f2c1e' },
    },
    tableOfContents: true,
    sections: [
      {
        id: 'ueberblick',
        title: 'Überblick',
        blocks: [
          paragraph('Müggelheim ist ', strong('grün'), ' und ruhig.'),
          {
            kind: 'key-facts',
            facts: [
              { label: 'Einwohner', value: 6789, format: { kind: 'integer' } },
              { label: 'Fläche', value: 22.4, format: { kind: 'decimal', digits: 1 }, unit: 'km²' },
              { label: 'Kinderarmut', value: SUPPRESSED, format: { kind: 'percent', digits: 1 } },
            ],
          },
        ],
        sections: [
          { id: 'karte-abschnitt', title: 'Lage', blocks: [{ kind: 'figure', figure: sampleFigure() }] },
        ],
      },
      {
        id: 'indikatoren-abschnitt',
        title: 'Kernindikatoren',
        blocks: [
          { kind: 'table', table: sampleTable() },
          bulletList(['Erster Punkt', ['Zweiter ', strong('wichtiger'), ' Punkt']]),
          note('Für dieses Gebiet liegen keine Befragungsergebnisse vor.'),
        ],
      },
    ],
    notes: [[{ text: 'Alle Angaben ohne Gewähr.' }]],
    annex: [
      { id: 'methoden', title: 'Methoden', blocks: [paragraph('z-Transformation über gültige Gebiete.')] },
    ],
    ...overrides,
  };
}
