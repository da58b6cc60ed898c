// What is wrong with a questionnaire, as a code with parameters. The core writes the English
// sentence from them (XLSForm import errors, the CLI, API consumers); the portal translates the
// same code and parameters from its own tables, so a German planner never reads the English text.
import { type BidiProblem, type TextProblem, describeTextProblem } from '@quartier/contracts';

export type FormIssueParams = Readonly<Record<string, string | number>>;

const text = (p: FormIssueParams, key: string): string => String(p[key] ?? '');

function arity(p: FormIssueParams): string {
  const min = Number(p['min']);
  const max = Number(p['max']);
  const expected = min === max ? `${min}` : max < 0 ? `at least ${min}` : `${min} to ${max}`;
  const singular = min === 1 && (max === 1 || max < 0);
  return `${expected} argument${singular ? '' : 's'}`;
}

const REASONS = {
  'name-missing': () => 'missing name',
  'name-invalid': (p) =>
    `invalid name "${text(p, 'name')}" (letters, digits, _ - . only, not starting with a digit)`,
  'name-duplicate': (p) => `duplicate name "${text(p, 'name')}"`,
  'repeat-name-duplicate': (p) =>
    `duplicate repeat name "${text(p, 'name')}" (repeat names are unique in the whole form)`,
  'syntax-unterminated-string': () => 'unterminated string',
  'syntax-dollar-without-brace': () => "expected '{' after '$'",
  'syntax-unterminated-reference': () => 'unterminated ${…} reference',
  'syntax-invalid-reference': (p) => `invalid field reference \${${text(p, 'name')}}`,
  'syntax-relative-path': () => "relative paths ('..') are not supported; use ${name}",
  'syntax-xpath-path': () => "XPath paths ('/') are not supported; use ${name}",
  'syntax-unexpected-character': (p) => `unexpected character '${text(p, 'character')}'`,
  'syntax-empty': () => 'empty expression',
  'syntax-unexpected-token': (p) => `unexpected ${text(p, 'token')}`,
  'syntax-unexpected-end': () => 'unexpected end of expression',
  'syntax-expected': (p) => `expected '${text(p, 'expected')}' but found ${text(p, 'found')}`,
  'syntax-too-long': (p) => `expression longer than ${text(p, 'max')} characters`,
  'field-unknown': (p) => `unknown field \${${text(p, 'name')}}`,
  'field-ambiguous': (p) =>
    `\${${text(p, 'name')}} is ambiguous: ${text(p, 'count')} questions are named "${text(p, 'name')}"`,
  'field-is-group': (p) => `\${${text(p, 'name')}} is a group, not a field`,
  'field-in-repeat': (p) =>
    `field \${${text(p, 'name')}} is inside repeat "${text(p, 'repeat')}" and cannot be used outside it`,
  'current-not-allowed': () => "'.' (the current answer) is only allowed in a constraint",
  'bare-name': (p) => `unknown name '${text(p, 'name')}' (fields are written \${${text(p, 'name')}})`,
  'choice-column-unknown': (p) =>
    `unknown choice column '${text(p, 'name')}': no choice is offered (as in ODK Collect)`,
  'function-unknown': (p) => `unknown function ${text(p, 'name')}()`,
  'function-pulldata': () =>
    'pulldata() reads a CSV file attached to the form, which Quartier does not keep: it gives an empty answer (as ODK Collect does without the file)',
  'function-arity': (p) => `${text(p, 'name')}() takes ${arity(p)}, got ${text(p, 'got')}`,
  'regex-too-long': (p) => `regular expression longer than ${text(p, 'max')} characters`,
  'regex-nested-quantifiers': () =>
    'regular expression with nested quantifiers (risk of catastrophic backtracking)',
  'regex-backreference': () => 'regular expression with back-references is not supported',
  'regex-invalid': (p) => `invalid regular expression: ${text(p, 'detail')}`,
  'label-missing': () => 'missing label',
  'calculation-missing': () => 'calculate needs a calculation',
  'list-unknown': (p) => `unknown choice list "${text(p, 'list')}"`,
  'list-empty': (p) => `choice list "${text(p, 'list')}" has no choices`,
  'list-is-area-list': (p) =>
    `choice list "${text(p, 'list')}" holds the areas of area question "${text(p, 'areaQuestion')}"; a ${text(p, 'type')} question needs a list of its own`,
  'likert-too-few-points': (p) => `Likert scale "${text(p, 'list')}" needs at least 2 scale points`,
  'choice-name-space': (p) =>
    `choice name "${text(p, 'choice')}" contains a space, which ${text(p, 'type')} "${text(p, 'question')}" cannot store`,
  'area-postcodes-missing': (p) =>
    `area list "${text(p, 'list')}" has no postcode column to look postcodes up in`,
  'matrix-question-type': (p) =>
    `table-list group "${text(p, 'group')}" may only hold select_one/select_multiple questions`,
  'matrix-one-list': (p) =>
    `table-list group "${text(p, 'group')}" needs one choice list: "${text(p, 'question')}" uses "${text(p, 'list')}", "${text(p, 'first')}" uses "${text(p, 'firstList')}"`,
  'list-name-missing': () => 'missing list name',
  'list-name-invalid': (p) => `invalid list name "${text(p, 'list')}"`,
  'list-duplicate': (p) => `duplicate choice list "${text(p, 'list')}"`,
  'choice-name-missing': () => 'missing choice name',
  'choice-duplicate': (p) => `duplicate choice "${text(p, 'choice')}" in list "${text(p, 'list')}"`,
  'repeat-count-too-large': (p) =>
    `repeat_count ${text(p, 'count')} asks for more than the ${text(p, 'max')} instances a repeat holds`,
  'calculation-cycle': (p) => `circular calculation: ${text(p, 'cycle')}`,
  'form-id-missing': () => 'missing form_id',
  'form-id-invalid': (p) => `invalid form_id "${text(p, 'formId')}"`,
  'default-language-without-labels': (p) =>
    `no labels in the default language "${text(p, 'language')}" (labels exist in ${text(p, 'languages')})`,
  // The XLSForm's own structure: sheets, columns, the type column's words, cells of a fixed form.
  'text-unstorable': (p) => describeTextProblem(text(p, 'problem') as TextProblem | BidiProblem),
  'sheet-missing': (p) => `sheet "${text(p, 'sheet')}" is missing`,
  'column-missing': (p) => `missing column ${text(p, 'column')}`,
  'column-duplicate': (p) => `duplicate column (same as column ${text(p, 'first')})`,
  'settings-extra-rows': () => 'settings take one row of values (row 2); further rows are not read',
  'type-missing': () => 'missing type',
  'type-unknown': (p) => `unknown question type "${text(p, 'type')}"`,
  'type-unsupported': (p) => `question type "${text(p, 'type')}" is not supported`,
  'type-list-missing': (p) => `${text(p, 'type')} needs a choice list name`,
  'type-extra-after-list': (p) => `unexpected "${text(p, 'text')}" after the list name`,
  'type-extra': (p) => `unexpected "${text(p, 'text')}" after type ${text(p, 'type')}`,
  'or-other-misplaced': (p) => `or_other applies to select_one and select_multiple, not ${text(p, 'type')}`,
  'end-without-begin': (p) => `end ${text(p, 'word')} without a matching begin ${text(p, 'word')}`,
  'end-mismatch': (p) =>
    `end ${text(p, 'word')} does not match begin ${text(p, 'open')} in row ${text(p, 'openRow')}`,
  'begin-without-end': (p) =>
    `begin ${text(p, 'word')} "${text(p, 'name')}" has no matching end ${text(p, 'word')}`,
  'repeat-count-misplaced': () => 'repeat_count only applies to begin repeat',
  'choice-filter-misplaced': () => 'choice_filter only applies to questions with a choice list',
  'flag-invalid': (p) => `expected yes or no, got "${text(p, 'value')}"`,
  'scale-invalid': (p) => `scale "${text(p, 'value')}" is not one of ascending, descending`,
  'area-parameter-unknown': (p) =>
    `unknown parameter "${text(p, 'key')}" for area (expected by=choice, by=postcode or by=point)`,
  'area-method-invalid': (p) => `area by "${text(p, 'value')}" is not one of choice, postcode, point`,
} as const satisfies Record<string, (p: FormIssueParams) => string>;

export type FormIssueCode = keyof typeof REASONS;
export const FORM_ISSUE_CODES = Object.keys(REASONS) as FormIssueCode[];

export type FormIssueSeverity = 'error' | 'warning';

/**
 * Causes that pyxform accepts and ODK Collect runs with a defined result, so refusing the form
 * would refuse what the format's own tools take: the form stays valid and the warning says what
 * will happen.
 */
const WARNINGS: ReadonlySet<FormIssueCode> = new Set(['choice-column-unknown', 'function-pulldata']);

export function formIssueSeverity(code: FormIssueCode): FormIssueSeverity {
  return WARNINGS.has(code) ? 'warning' : 'error';
}

/** A problem as code and parameters, from which each language writes its own sentence. */
export interface FormIssueCause {
  readonly code: FormIssueCode;
  readonly params: FormIssueParams;
}

export function formIssueCause(code: FormIssueCode, params: FormIssueParams = {}): FormIssueCause {
  return { code, params };
}

/** The English sentence of a cause (syntax errors prefixed with where they were noticed). */
export function formIssueReason(cause: FormIssueCause): string {
  const reason = REASONS[cause.code](cause.params);
  return cause.code.startsWith('syntax-') && cause.params['position'] !== undefined
    ? `syntax error at character ${cause.params['position']}: ${reason}`
    : reason;
}
