// Rules about a survey's questionnaire that the service adds on top of the core: where model
// issues point (as names, for the form builder), which form changes are safe once responses
// exist, and which question assigns respondents to areas.
import {
  type AreaQuestion,
  type Form,
  type FormIssueCode,
  type FormIssueParams,
  type FormIssueSeverity,
  type ModelIssue,
  findChoiceList,
  formQuestions,
  uncollectedQuestions,
  validateFormModel,
} from '@quartier/survey-core';

export interface FormModelProblem {
  /** `question <name>`, `group <name>`, `list <name>`, `choice <name> of list <list>` or `settings`. */
  readonly target: string;
  readonly field: string;
  /** English; `code` and `params` say the same for the portal's translations. */
  readonly reason: string;
  readonly code: FormIssueCode;
  readonly params: FormIssueParams;
  /** A warning leaves the form valid: it is stored and a survey with it may be opened. */
  readonly severity: FormIssueSeverity;
}

/** Model issues located by name: the builder highlights the item, the API names it in the 422. */
export function describeModelIssues(form: Form): FormModelProblem[] {
  const issues: readonly ModelIssue[] = validateFormModel(form);
  const choiceOwner = new Map<object, string>();
  form.choiceLists.forEach((list) => list.choices.forEach((choice) => choiceOwner.set(choice, list.name)));
  return issues.map((issue) => {
    const t = issue.target;
    let target: string;
    if (t === 'settings') target = 'settings';
    else if ('kind' in t) target = `${t.kind} ${t.name}`;
    else if ('choices' in t) target = `list ${t.name}`;
    else target = `choice ${t.name} of list ${choiceOwner.get(t) ?? '?'}`;
    const { field, reason, code, params, severity } = issue;
    return { target, field, reason, code, params, severity };
  });
}

const FORM_CHANGE_REASONS = {
  'question-removed': (p) => `question ${p['question']} was removed`,
  'question-type-changed': (p) =>
    `question ${p['question']} changed its type from ${p['from']} to ${p['to']}`,
  'options-removed': (p) => `question ${p['question']} lost the option(s) ${p['options']}`,
} as const satisfies Record<string, (p: Readonly<Record<string, string>>) => string>;

export type FormChangeCode = keyof typeof FORM_CHANGE_REASONS;
export const FORM_CHANGE_CODES = Object.keys(FORM_CHANGE_REASONS) as FormChangeCode[];

/** A change that would break stored answers: by code and the values it names, and in English. */
export interface FormChangeProblem {
  readonly code: FormChangeCode;
  /** `question` is the question's path (`kinder/alter` inside repeats). */
  readonly params: Readonly<Record<string, string>>;
  readonly reason: string;
}

function formChange(code: FormChangeCode, params: Readonly<Record<string, string>>): FormChangeProblem {
  return { code, params, reason: FORM_CHANGE_REASONS[code](params) };
}

/**
 * Why `next` cannot replace `current` once responses exist, or an empty list. Stored answers must
 * stay valid and comparable: every question keeps its name, place (the repeats it is in), type and
 * list, and every option a
 * respondent could have chosen still exists. New questions, options, labels, translations,
 * relevance and constraints may change.
 */
export function incompatibleFormChanges(current: Form, next: Form): FormChangeProblem[] {
  const problems: FormChangeProblem[] = [];
  // By path: the same name may be asked in several repeats, each with its own stored answers.
  const pathOf = (repeats: readonly string[], name: string): string => [...repeats, name].join('/');
  const nextQuestions = new Map(
    formQuestions(next).map(({ question, repeats }) => [pathOf(repeats, question.name), question]),
  );
  for (const { question, repeats } of formQuestions(current)) {
    const path = pathOf(repeats, question.name);
    const after = nextQuestions.get(path);
    if (!after) {
      problems.push(formChange('question-removed', { question: path }));
      continue;
    }
    if (after.type !== question.type) {
      problems.push(
        formChange('question-type-changed', { question: path, from: question.type, to: after.type }),
      );
      continue;
    }
    if ('listName' in question && 'listName' in after) {
      const before = findChoiceList(current, question.listName);
      const now = findChoiceList(next, after.listName);
      const missing = (before?.choices ?? [])
        .filter((c) => !now?.choices.some((d) => d.name === c.name))
        .map((c) => c.name);
      if (missing.length > 0)
        problems.push(formChange('options-removed', { question: path, options: missing.join(', ') }));
    }
  }
  return problems;
}

/**
 * Why a survey with this form cannot be opened although the form is valid: its uploads (ODK's
 * image, audio, video, file). Such a form is accepted, kept and exported as written — a planner
 * can take a Kobo or Ona form over and edit it — but residents are never asked for photos or files.
 */
export function uncollectedQuestionProblems(form: Form): string[] {
  return uncollectedQuestions(form).map(
    (q) =>
      `question ${q.name} (${q.type}): uploads are not collected — responses are anonymous and carry no photos, recordings or files; remove the question or make it a note`,
  );
}

/** The question that assigns respondents to areas: the form's first `area` question. */
export function areaQuestionOf(form: Form): AreaQuestion | undefined {
  for (const { question, repeats } of formQuestions(form)) {
    if (repeats.length === 0 && question.type === 'area') return question;
  }
  return undefined;
}
