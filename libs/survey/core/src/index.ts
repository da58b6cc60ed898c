// @quartier/survey-core: the questionnaire model, XLSForm import/export, the ODK expression
// language, server-side submission validation, k-anonymous aggregation and network surveys.
// Pure TypeScript: no Nest, no database, no file system.
export * from './model';
export * from './errors';
export * from './form-issue-codes';
export {
  type AnswerCause,
  type AnswerCauseCode,
  type AnswerIssueCode,
  type AnswerIssueParams,
  ANSWER_CAUSE_CODES,
  ANSWER_ISSUE_CODES,
  answerCause,
  answerCauseReason,
} from './answer-issue-codes';
export {
  type Expr,
  type BinaryOperator,
  ExpressionSyntaxError,
  parseExpression,
  referencedFields,
  MAX_EXPRESSION_LENGTH,
} from './expression/parser';
export {
  type EvaluationContext,
  type AnalysisScope,
  ExpressionEvaluationError,
  evaluate,
  evaluateBoolean,
  evaluateString,
  analyseExpression,
  analyseExpressionIssues,
} from './expression/evaluate';
export {
  type Value,
  type DateValue,
  parseIsoDate,
  formatIsoDate,
  toBoolean,
  toNumber,
  toStringValue,
} from './expression/values';
export {
  FUNCTIONS,
  unsafeRegexReason,
  unsafeRegexCause,
  MAX_REGEX_INPUT_LENGTH,
  MAX_REGEX_PATTERN_LENGTH,
} from './expression/functions';
export {
  type ModelIssue,
  type ModelField,
  type ModelTarget,
  NAME_PATTERN,
  formErrors,
  validateFormModel,
} from './validate-form';
export {
  type CompiledForm,
  type CompiledQuestion,
  type CompiledRepeat,
  compileForm,
  compiledQuestion,
  questionAtPath,
} from './compile';
export * from './xlsform/sheets';
export {
  type ImportOptions,
  type ImportResult,
  importXlsForm,
  importXlsFormCells,
  formFromSheets,
  parseQuestionType,
} from './xlsform/import';
export { type XlsFormTables, formToTables, writeXlsForm, tablesToWorkbook } from './xlsform/export';
export * from './area';
export * from './answers';
export * from './submission';
export * from './skip-logic';
export * from './responses';
export * from './aggregation/aggregate';
export * from './aggregation/any-of';
export * from './aggregation/result-rows';
export * from './aggregation/statistics';
export * from './aggregation/suppression';
export * from './aggregation/weights';
export * from './network/network-survey';
export * as surveyFixtures from '../fixtures/index';
