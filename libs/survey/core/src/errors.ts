// Errors of the survey domain. Form problems are located the way the person fixing them sees the
// spreadsheet: sheet, row number as shown (header = row 1) and column header as written.

import {
  type FormIssueCode,
  type FormIssueParams,
  formIssueCause,
  formIssueReason,
} from './form-issue-codes';

export type XlsFormSheetName = 'survey' | 'choices' | 'settings';

export interface FormIssue {
  readonly sheet: XlsFormSheetName;
  readonly row: number;
  readonly column?: string;
  /** What is wrong, stable: the portal words the problem by this and `params`. */
  readonly code: FormIssueCode;
  /** The values the problem names; `firstRow` where a name repeats an earlier row's. */
  readonly params: FormIssueParams;
  /** The same in English (the CLI, logs, API clients). */
  readonly reason: string;
  /** Absent for errors; a warning leaves the form valid. */
  readonly severity?: 'warning';
}

/** A problem found in a sheet's row (and column), its English reason written from its code. */
export function sheetIssue(
  where: Pick<FormIssue, 'sheet' | 'row' | 'column'>,
  code: FormIssueCode,
  params: FormIssueParams = {},
): FormIssue {
  return { ...where, code, params, reason: formIssueReason(formIssueCause(code, params)) };
}

/** `<sheet> row <n>[, column <name>]: [warning: ]<reason>` — the line format the CLI and API both print. */
export function formatFormIssue(issue: FormIssue): string {
  const where = `${issue.sheet} row ${issue.row}${issue.column !== undefined ? `, column ${issue.column}` : ''}`;
  return `${where}: ${issue.severity === 'warning' ? 'warning: ' : ''}${issue.reason}`;
}

const SHEET_ORDER: readonly XlsFormSheetName[] = ['survey', 'choices', 'settings'];

/** Sheet order, then row, keeping the order issues were found within a row. */
export function sortFormIssues(issues: readonly FormIssue[]): FormIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        SHEET_ORDER.indexOf(a.issue.sheet) - SHEET_ORDER.indexOf(b.issue.sheet) ||
        a.issue.row - b.issue.row ||
        a.index - b.index,
    )
    .map(({ issue }) => issue);
}

export type SurveyErrorCode =
  | 'InvalidForm'
  | 'InvalidWorkbook'
  | 'InvalidSubmission'
  | 'InvalidResponses'
  | 'InvalidAggregation'
  | 'InvalidNetworkSubmission';

/** The survey domain's error: a string code for mapping (HTTP status, CLI exit) plus details. */
export class SurveyError extends Error {
  constructor(
    readonly code: SurveyErrorCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'SurveyError';
  }
}
