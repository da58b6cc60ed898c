import type { AggregationResult } from './aggregate';
import type { Suppression } from './suppression';

// The published results as a flat table: the CLI's CSV and the API's flat export.

/** One row of the published results table (the CLI's CSV and the API's flat export). */
export interface ResultRow {
  readonly group: string;
  readonly question: string;
  readonly option: string;
  readonly n: number | null;
  readonly count: number | null;
  readonly share: number | null;
  readonly mean: number | null;
  readonly suppressed: Suppression | null;
}

/**
 * Flattens a result to rows ordered by group (result order, total last), then question (form
 * order), then option (list order). Suppressed cells keep only group, question, option and the
 * suppression kind.
 */
export function resultRows(result: AggregationResult): ResultRow[] {
  const rows: ResultRow[] = [];
  const groupCount = result.groups.length + 1;
  for (let g = 0; g < groupCount; g++) {
    for (const question of result.questions) {
      const cell = question.cells[g];
      const optionNames = question.kind === 'select' ? question.options : [''];
      optionNames.forEach((option, o) => {
        const base = { group: cell.group, question: question.question, option };
        if (cell.suppressed !== null) {
          rows.push({ ...base, n: null, count: null, share: null, mean: null, suppressed: cell.suppressed });
        } else if (cell.kind === 'select') {
          rows.push({
            ...base,
            n: cell.n,
            count: cell.options[o].count,
            share: cell.options[o].share,
            mean: null,
            suppressed: null,
          });
        } else {
          rows.push({ ...base, n: cell.n, count: null, share: null, mean: cell.mean, suppressed: null });
        }
      });
    }
  }
  return rows;
}

export const RESULT_COLUMNS = [
  'group',
  'question',
  'option',
  'n',
  'count',
  'share',
  'mean',
  'suppressed',
] as const;

/** A row as CSV fields: numbers at full precision (shortest round-trip form), absent values empty. */
export function resultRowFields(row: ResultRow): string[] {
  const num = (v: number | null): string => (v === null ? '' : String(v));
  return [
    row.group,
    row.question,
    row.option,
    num(row.n),
    num(row.count),
    num(row.share),
    num(row.mean),
    row.suppressed ?? '',
  ];
}
