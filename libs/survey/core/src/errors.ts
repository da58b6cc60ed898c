// Errors of the survey domain. Form problems are located the way the person fixing them sees the
// spreadsheet: sheet, row number as shown (header = row 1) and column header as written.

export type XlsFormSheetName = 'survey' | 'choices' | 'settings';

export interface FormIssue {
  readonly sheet: XlsFormSheetName;
  readonly row: number;
  readonly column?: string;
  readonly reason: string;
  /** Absent for errors; a warning leaves the form valid. */
  readonly severity?: 'warning';
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
