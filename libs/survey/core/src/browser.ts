// @quartier/survey-core/browser: the part of the core that runs in the respondent's browser, in
// the public form's script (libs/survey/form-runtime) — the questionnaire model, the expression
// engine, form compilation, skip logic and submission validation, so the questions shown and the
// error messages there are exactly what the server enforces. The index also carries XLSForm
// (exceljs) and zod, which the script must not: the bundler follows only these modules.
// (Point-in-polygon in area.ts is replaced by a stand-in in the bundle: area geometries never
// reach the browser.)
export type { Form, FormNode } from './model';
export { type DateValue, type Value, parseIsoDate, toBoolean, toStringValue } from './expression/values';
export { evaluate } from './expression/evaluate';
export {
  type CompiledForm,
  type CompiledQuestion,
  compileForm,
  compiledQuestion,
  questionAtPath,
} from './compile';
export { parseGeopoint } from './area';
export { type AnswerCause, type AnswerIssueCode, ANSWER_ISSUE_CODES } from './answer-issue-codes';
export { type AnswerValue, MAX_REPEAT_INSTANCES } from './answers';
export { type NetworkIssueCode, NETWORK_ISSUE_CODES } from './network/network-issue-codes';
export { type AnswerScope, SkipLogic } from './skip-logic';
export { type AnswerIssue, coerceAnswer, validateSubmission } from './submission';
