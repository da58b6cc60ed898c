import { ReportingError } from '../reporting-error';
import { sampleDocument, sampleFigure, sampleTable } from '../testing/sample-document';
import { documentFlow, documentTables, headingText, plainText, tocHeadings } from './document-flow';
import { cellOf, paragraph, strong } from './blocks';
import { parseReportDocument } from './parse-report-document';

function rejection(input: unknown): string {
  try {
    parseReportDocument(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportingError);
    expect((error as ReportingError).code).toBe('InvalidDocument');
    return (error as Error).message;
  }
  throw new Error('expected the document to be rejected');
}

describe('parseReportDocument', () => {
  it('accepts a complete document and survives a JSON round trip unchanged', () => {
    const document = sampleDocument();
    const parsed = parseReportDocument(JSON.parse(JSON.stringify(document)));
    expect(parsed).toEqual(document);
  });

  it('names the row and column of a cell whose type does not fit its column', () => {
    const table = sampleTable();
    table.rows[1].cells[1] = '7,2';
    const document = sampleDocument();
    document.sections[1].blocks[0] = { kind: 'table', table };
    expect(rejection(document)).toContain('row 2, column "wert": expected a number, got "7,2"');
  });

  it('rejects a row with the wrong number of cells and says how many were expected', () => {
    const table = sampleTable({ rows: [{ cells: ['nur eine Zelle'] }] });
    const document = sampleDocument();
    document.sections[1].blocks[0] = { kind: 'table', table };
    expect(rejection(document)).toContain('row 1 has 1 cells, the table has 5 columns');
  });

  it('rejects a figure without alternative text, naming its path', () => {
    const document = sampleDocument();
    const section = document.sections[0].sections![0];
    section.blocks = [{ kind: 'figure', figure: sampleFigure({ alt: '' }) }];
    expect(rejection(document)).toContain(
      'sections.0.sections.0.blocks.0.figure.alt: a figure needs an alternative text',
    );
  });

  it('rejects duplicate ids, which would collide as anchors and sheet names', () => {
    const document = sampleDocument();
    document.sections[1].id = 'ueberblick';
    expect(rejection(document)).toContain('id "ueberblick" is already used by sections.0');
  });

  it('rejects sections nested deeper than three levels', () => {
    const deep = { id: 'd4', title: 'Vier', blocks: [] };
    const document = sampleDocument();
    document.sections[0].sections![0].sections = [{ id: 'd3', title: 'Drei', blocks: [], sections: [deep] }];
    expect(rejection(document)).toContain('nest at most 3 levels');
  });

  it('rejects dates that are not ISO and a missing organisation', () => {
    const document = sampleDocument();
    const message = rejection({
      ...document,
      metadata: { ...document.metadata, asOf: '31.12.2024', organisation: '' },
    });
    expect(message).toContain('metadata.asOf: must be an ISO date YYYY-MM-DD');
    expect(message).toContain('metadata.organisation');
  });

  it('rejects ids that cannot name an anchor or a sheet', () => {
    expect(rejection(sampleDocument({ sections: [{ id: 'Über Blick', title: 'x', blocks: [] }] }))).toContain(
      'sections.0.id: must be lower-case letters',
    );
  });
});

describe('documentFlow', () => {
  it('numbers headings by nesting, appends notes and a lettered annex', () => {
    const headings = documentFlow(sampleDocument())
      .filter((item) => item.kind === 'heading')
      .map((item) => (item.kind === 'heading' ? `${item.level}:${headingText(item)}` : ''));
    expect(headings).toEqual([
      '1:1 Überblick',
      '2:1.1 Lage',
      '1:2 Kernindikatoren',
      '1:3 Hinweise',
      '1:A Anhang',
      '2:A.1 Methoden',
    ]);
  });

  it('titles notes and annex in the document language', () => {
    const english = sampleDocument();
    english.metadata = { ...english.metadata, language: 'en' };
    const titles = tocHeadings(documentFlow(english)).map((h) => h.title);
    expect(titles).toContain('Notes');
    expect(titles).toContain('Annex');
  });

  it('lists tables and the data behind figures in reading order', () => {
    const document = sampleDocument();
    const figure = document.sections[0].sections![0].blocks[0];
    if (figure.kind === 'figure')
      figure.figure.data = sampleTable({ id: 'kartendaten', caption: 'Daten zur Karte' });
    expect(documentTables(document).map((t) => t.id)).toEqual(['kartendaten', 'indikatoren']);
  });
});

describe('blocks', () => {
  it('keeps suppressed, missing and zero apart', () => {
    expect(cellOf(0)).toBe(0);
    expect(cellOf(null)).toEqual({ status: 'missing' });
    expect(cellOf('suppressed')).toEqual({ status: 'suppressed' });
  });

  it('builds paragraphs from strings and emphasised runs, dropping empty strings', () => {
    const block = paragraph('A ', strong('B'), '');
    expect(block).toEqual({ kind: 'paragraph', runs: [{ text: 'A ' }, { text: 'B', emphasis: 'strong' }] });
    expect(plainText(block.kind === 'paragraph' ? block.runs : [])).toBe('A B');
  });
});
