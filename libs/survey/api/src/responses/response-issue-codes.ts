// Why a paper import refuses a file, a row or a cell, as a code with parameters: the core's answer
// causes (types, options, areas, constraints), the service's own rules for a response, and the
// file's shape. The English `reason` is written from the code (API clients, logs); the portal
// words the same code and parameters from its dictionary.
import {
  ANSWER_CAUSE_CODES,
  type AnswerCause,
  type AnswerCauseCode,
  answerCauseReason,
} from '@quartier/survey-core';
import { type BidiProblem, type TextProblem, describeTextProblem } from '@quartier/contracts';

type Params = Readonly<Record<string, string | number>>;
const text = (p: Params, key: string): string => String(p[key] ?? '');

/** A response's rules beyond its answers (the service's, not the core's). */
const RESPONSE_REASONS = {
  'area-required': () => 'an area of residence is required',
  'network-missing': () => 'the name generator was not answered',
  'network-invalid': (p) => text(p, 'detail'),
  'no-questions': () => 'no questions',
} as const satisfies Record<string, (p: Params) => string>;

/** The file's shape: its rows and its header. */
const FILE_REASONS = {
  'no-rows': () => 'no rows below the header',
  'too-many-rows': () => 'too many rows',
  'no-responses': () => 'no responses below the header',
  'column-unknown': (p) => `"${text(p, 'column')}" is not a question of this form`,
  'column-twice': () => 'a column name appears twice',
  'csv-unreadable': (p) => text(p, 'detail'),
  'not-xlsx': () => 'not an XLSX workbook',
  'text-unstorable': (p) => describeTextProblem(text(p, 'problem') as TextProblem | BidiProblem),
} as const satisfies Record<string, (p: Params) => string>;

export type ResponseCauseCode = keyof typeof RESPONSE_REASONS;
type FileIssueCode = keyof typeof FILE_REASONS;
export type ImportIssueCode = AnswerCauseCode | ResponseCauseCode | FileIssueCode;
export const IMPORT_ISSUE_CODES = [
  ...ANSWER_CAUSE_CODES,
  ...Object.keys(RESPONSE_REASONS),
  ...Object.keys(FILE_REASONS),
] as ImportIssueCode[];

/** What is wrong with a response: the core's cause of a refused answer, or the service's. */
export interface ResponseCause {
  readonly code: AnswerCauseCode | ResponseCauseCode;
  readonly params: Params;
}

function isAnswerCause(cause: { code: string }): cause is AnswerCause {
  return (ANSWER_CAUSE_CODES as readonly string[]).includes(cause.code);
}

function reasonOf(code: ImportIssueCode, params: Params): string {
  const cause = { code, params };
  if (isAnswerCause(cause)) return answerCauseReason(cause);
  if (code in RESPONSE_REASONS) return RESPONSE_REASONS[code as ResponseCauseCode](params);
  return FILE_REASONS[code as FileIssueCode](params);
}

/** The English sentence of the service's own cause. */
export function responseCauseReason(code: ResponseCauseCode, params: Params = {}): string {
  return reasonOf(code, params);
}

export interface ImportIssue {
  /** Row as the spreadsheet shows it (header = row 1). */
  readonly row: number;
  readonly column?: string;
  /** What is wrong, stable: the portal words the problem by this and `params`. */
  readonly code: ImportIssueCode;
  readonly params: Params;
  /** The same in English, for API clients and logs. */
  readonly reason: string;
}

/** A problem of a row (and cell) of an import, its English reason written from its code. */
export function importIssue(
  where: { readonly row: number; readonly column?: string },
  code: ImportIssueCode,
  params: Params = {},
): ImportIssue {
  return {
    row: where.row,
    ...(where.column !== undefined ? { column: where.column } : {}),
    code,
    params,
    reason: reasonOf(code, params),
  };
}
