import { measureTable, parseMeasureTable } from './measure-table';
import { ProgrammeError } from './programme-error';

const HEADER = ['title', 'areas', 'responsible', 'budget', 'planned_start', 'planned_end', 'target_groups'];

function issuesOf(rows: string[][]): string[] {
  try {
    parseMeasureTable(rows);
  } catch (error) {
    if (error instanceof ProgrammeError) return error.issues.map((i) => `${i.path}: ${i.reason}`);
    throw error;
  }
  return [];
}

describe('parseMeasureTable', () => {
  it('reads measures with lists, exact euro amounts and dates, in any column order', () => {
    const [draft] = parseMeasureTable([
      HEADER,
      [
        'Lernwerkstatt',
        '01011101; 01011102',
        'Träger e. V.',
        '2025/projektfonds=12000.5; 2026/projektfonds=0.07',
        '2025-01-01',
        '2025-12-31',
        'Kinder; Eltern',
      ],
    ]);
    expect(draft).toEqual({
      row: 2,
      title: 'Lernwerkstatt',
      description: '',
      areaCodes: ['01011101', '01011102'],
      fieldOfAction: null,
      responsible: 'Träger e. V.',
      targetGroups: ['Kinder', 'Eltern'],
      plannedStart: '2025-01-01',
      plannedEnd: '2025-12-31',
      budget: [
        { year: 2025, line: 'projektfonds', amountCents: 1_200_050 },
        { year: 2026, line: 'projektfonds', amountCents: 7 },
      ],
    });
  });

  it('names every bad row and column, and refuses the whole table', () => {
    expect(
      issuesOf([
        HEADER,
        ['', '', '', '2025/projektfonds=1,5', '2025-13-01', '', ''],
        ['Gut', '01', 'T', '2025/projektfonds=1; 2025/projektfonds=2', '2025-02-01', '2025-01-01', ''],
      ]),
    ).toEqual([
      'row 2, title: a title is required',
      'row 2, areas: name at least one area code',
      'row 2, responsible: name the responsible body',
      'row 2, planned_start: "2025-13-01" is not a date YYYY-MM-DD',
      'row 2, budget: "2025/projektfonds=1,5" is not year/line=euros (e.g. 2025/projektfonds=12000.50)',
      'row 3, planned_end: must not be before planned_start',
      'row 3, budget: 2025/projektfonds is listed twice',
    ]);
  });

  it('refuses a day the month does not have, as the measure form does', () => {
    expect(issuesOf([HEADER, ['Gut', '01', 'T', '', '2025-02-29', '2025-04-31', '']])).toEqual([
      'row 2, planned_start: "2025-02-29" is not a date YYYY-MM-DD',
      'row 2, planned_end: "2025-04-31" is not a date YYYY-MM-DD',
    ]);
  });

  it('refuses missing and unknown columns, an empty table, and rows that carry an id', () => {
    expect(issuesOf([['title', 'areas', 'colour']])).toEqual([
      'row 1: missing column responsible',
      'row 1, column 3: unknown column colour',
    ]);
    expect(issuesOf([HEADER, ['', '', '', '', '', '', '']])).toEqual(['row 2: the table has no measures']);
    expect(
      issuesOf([
        ['id', ...HEADER],
        ['m-1', 'X', '01', 'T', '', '', '', ''],
      ]),
    ).toEqual([
      'row 2, id: this measure exists already: an import creates new measures only (remove the id)',
    ]);
  });
});

describe('measureTable', () => {
  it('writes an export that imports back once the export-only columns are emptied', () => {
    const rows = measureTable([
      {
        id: 'm-1',
        status: 'running',
        title: 'Kiezfest',
        description: 'Jährlich',
        areaCodes: ['01'],
        fieldOfAction: 'nachbarschaft',
        responsible: 'Verein',
        targetGroups: ['Alle'],
        plannedStart: null,
        plannedEnd: null,
        budget: [{ year: 2025, line: 'aktionsfonds', amountCents: 150_005 }],
        spentCents: 12_00,
      },
    ]);
    expect(rows[1]).toEqual([
      'm-1',
      'running',
      'Kiezfest',
      'Jährlich',
      '01',
      'nachbarschaft',
      'Verein',
      'Alle',
      '',
      '',
      '2025/aktionsfonds=1500.05',
      '12.00',
    ]);
    const reimport = parseMeasureTable([rows[0], ['', ...rows[1].slice(1)]]);
    expect(reimport[0].budget).toEqual([{ year: 2025, line: 'aktionsfonds', amountCents: 150_005 }]);
  });
});
