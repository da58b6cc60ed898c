// Why an answer is refused, as a cause with parameters, finer than the answer issue's `code`
// (which the public form has always sent). The core writes the English `message` from the cause;
// the portal words the same cause in its own languages (a paper import's bad cells), so a German
// planner never reads the English text. Browser-safe: the public form's script bundles it.

/**
 * The coarse kinds of a refused answer, as the public form has always been told them. A list, not
 * only a type: the public form's texts are held to a respondent's sentence for each.
 */
export const ANSWER_ISSUE_CODES = [
  'unknown_field',
  'not_answerable',
  'not_relevant',
  'required',
  'invalid_type',
  'constraint',
  'invalid_choice',
  'filtered_choice',
  'unresolved_area',
  'invalid_repeat',
] as const;

export type AnswerIssueCode = (typeof ANSWER_ISSUE_CODES)[number];

export type AnswerIssueParams = Readonly<Record<string, string | number>>;

const text = (p: AnswerIssueParams, key: string): string => String(p[key] ?? '');
const got = (p: AnswerIssueParams, expected: string): string => `expected ${expected}, got ${text(p, 'got')}`;

const REASONS = {
  'submission-not-object': () => 'a submission is an object of answers',
  'field-unknown': (p) => `"${text(p, 'name')}" is not a question here`,
  'field-in-repeat': (p) =>
    `"${text(p, 'name')}" is not a question here (it belongs inside repeat "${text(p, 'repeat')}")`,
  'not-answerable': (p) => `${text(p, 'type')} "${text(p, 'name')}" takes no answer`,
  'expected-text': (p) => got(p, 'text'),
  'expected-integer': (p) => got(p, 'a whole number'),
  'expected-decimal': (p) => got(p, 'a number'),
  'expected-date': (p) => got(p, 'a date YYYY-MM-DD'),
  'expected-time': (p) => got(p, 'a time HH:MM'),
  'expected-geopoint': (p) => got(p, 'a geopoint "latitude longitude"'),
  'expected-option': (p) => got(p, 'one option'),
  'expected-options': (p) => got(p, 'a list of options'),
  'expected-area': (p) => got(p, 'an area answer'),
  'text-too-long': (p) => `text longer than ${text(p, 'max')} characters`,
  'choice-unknown': (p) => `"${text(p, 'value')}" is not an option of list "${text(p, 'list')}"`,
  'choices-unknown': (p) => `${text(p, 'values')} are not options of list "${text(p, 'list')}"`,
  'choice-twice': () => 'an option is given twice',
  'rank-incomplete': (p) => `a ranking orders all ${text(p, 'expected')} options, got ${text(p, 'got')}`,
  'choice-filtered': (p) => `${text(p, 'values')} not offered for the answers given`,
  'area-unknown': (p) => `"${text(p, 'value')}" is not an area of list "${text(p, 'list')}"`,
  'postcode-invalid': (p) => `"${text(p, 'value')}" is not a German postcode (five digits)`,
  'postcode-outside': (p) => `postcode ${text(p, 'value')} lies in none of the survey's areas`,
  'postcode-shared': (p) => `postcode ${text(p, 'value')} is shared by the areas ${text(p, 'areas')}`,
  'geopoint-invalid': (p) => `"${text(p, 'value')}" is not a geopoint (latitude longitude)`,
  'geometries-missing': () => 'no area geometries are available to place the point',
  'point-outside': () => 'the point lies outside all areas of the survey',
  'not-relevant': () => 'answered although the question does not apply',
  'repeat-not-relevant': () => 'answers given to a repeat that does not apply',
  required: () => 'an answer is required',
  constraint: (p) => `the answer does not meet the constraint ${text(p, 'constraint')}`,
  /** The form's own required_message or constraint_message, already in the respondent's language. */
  'form-message': (p) => text(p, 'message'),
  'repeat-not-list': () => 'a repeat is a list of answer objects',
  'repeat-too-many': (p) => `more than ${text(p, 'max')} repeat instances`,
  'repeat-count': (p) => `expected ${text(p, 'expected')} instances, got ${text(p, 'got')}`,
} as const satisfies Record<string, (p: AnswerIssueParams) => string>;

export type AnswerCauseCode = keyof typeof REASONS;
export const ANSWER_CAUSE_CODES = Object.keys(REASONS) as AnswerCauseCode[];

/** What exactly is wrong with an answer, from which each language writes its own sentence. */
export interface AnswerCause {
  readonly code: AnswerCauseCode;
  readonly params: AnswerIssueParams;
}

export function answerCause(code: AnswerCauseCode, params: AnswerIssueParams = {}): AnswerCause {
  return { code, params };
}

/** The English sentence of a cause: the answer issue's `message`. */
export function answerCauseReason(cause: AnswerCause): string {
  return REASONS[cause.code](cause.params);
}

/** A refused answer before it is placed at its path. */
export interface Refusal {
  readonly code: AnswerIssueCode;
  readonly message: string;
  readonly cause: AnswerCause;
}

export function refusal(
  code: AnswerIssueCode,
  cause: AnswerCauseCode,
  params: AnswerIssueParams = {},
): Refusal {
  const c = answerCause(cause, params);
  return { code, message: answerCauseReason(c), cause: c };
}

/** `"a", "b"`: the options a message names, each quoted as the respondent gave it. */
export function quotedList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}
