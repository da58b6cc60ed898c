import type { Texts } from '../texts';
import type { Cell, ReportBlock, TableColumn, TextRun } from './report-document';

// Small constructors so builders read like the report they make.

export const SUPPRESSED: Cell = Object.freeze({ status: 'suppressed' }) as Cell;
export const MISSING: Cell = Object.freeze({ status: 'missing' }) as Cell;

export function strong(text: string): TextRun {
  return { text, emphasis: 'strong' };
}

export function em(text: string): TextRun {
  return { text, emphasis: 'em' };
}

export function runsOf(parts: readonly (string | TextRun)[]): TextRun[] {
  return parts
    .filter((part) => part !== '')
    .map((part) => (typeof part === 'string' ? { text: part } : part));
}

export function paragraph(...parts: (string | TextRun)[]): ReportBlock {
  return { kind: 'paragraph', runs: runsOf(parts) };
}

/** A highlighted remark, e.g. why a section has no data. */
export function note(...parts: (string | TextRun)[]): ReportBlock {
  return { kind: 'note', runs: runsOf(parts) };
}

export function bulletList(items: readonly (string | readonly (string | TextRun)[])[]): ReportBlock {
  return { kind: 'list', items: items.map((item) => runsOf(typeof item === 'string' ? [item] : item)) };
}

/** A value that may be suppressed or missing, as the domain services deliver it. */
export function cellOf(value: number | null | undefined | 'suppressed' | 'missing'): Cell {
  if (value === 'suppressed') return SUPPRESSED;
  if (value === null || value === undefined || value === 'missing') return MISSING;
  return value;
}

/**
 * The two columns every area table starts with: the area's code (`nr`) and name (`gebiet`), the
 * keys the spreadsheet export names its columns by; `weights` share the table's width.
 */
export function areaColumns(t: Texts, weights: readonly [code: number, name: number]): TableColumn[] {
  return [
    { key: 'nr', header: t('col.code'), format: { kind: 'text' }, weight: weights[0] },
    { key: 'gebiet', header: t('col.area'), format: { kind: 'text' }, weight: weights[1] },
  ];
}
