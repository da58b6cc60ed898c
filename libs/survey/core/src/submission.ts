// Server-side validation of one submission against its form. The public form validates in the
// browser too, but anything can be posted to an anonymous endpoint, so every rule is re-checked
// here: types, required (only where relevant), constraints, relevance, choice membership and
// choice filters, repeat counts. Nothing is stored unless the whole submission passes.
//
// Answers to questions that are not relevant are rejected by default (`nonRelevant: 'reject'`):
// a client that sends them is out of step with the form. Imports of paper or ODK data can choose
// `'drop'`, which removes them silently, as ODK itself does when a question becomes irrelevant.
import {
  type AnswerCause,
  type AnswerCauseCode,
  type AnswerIssueCode,
  type AnswerIssueParams,
  type Refusal,
  quotedList,
  refusal,
} from './answer-issue-codes';
import { type Answers, type AnswerValue, MAX_REPEAT_INSTANCES, type RepeatInstance } from './answers';
import { type AreaGeometries, parseGeopoint, resolveArea } from './area';
import { type CompiledForm, type CompiledQuestion, type CompiledRepeat, compiledQuestion } from './compile';
import { evaluate } from './expression/evaluate';
import { type DateValue, type Value, parseIsoDate, toBoolean, toStringValue } from './expression/values';
import { type FormNode, type Labels, isMediaQuestion, localize } from './model';
import { type AnswerScope, SkipLogic, answerToValue } from './skip-logic';

export interface AnswerIssue {
  /** `alter` or, inside repeats, `personen[2].alter` (1-based, as ODK counts instances). */
  readonly path: string;
  readonly code: AnswerIssueCode;
  /** English, written from `cause`. */
  readonly message: string;
  /** What exactly is wrong, stable: a client words the problem by its code and params. */
  readonly cause: AnswerCause;
}

export interface SubmissionOptions {
  /** The day of submission, `YYYY-MM-DD`: `today()` and the stored start/end (no finer timestamps). */
  readonly today: string;
  readonly nonRelevant?: 'reject' | 'drop';
  /** Paper-form imports may accept gaps; the public form never does. Default true. */
  readonly enforceRequired?: boolean;
  readonly areaGeometries?: AreaGeometries;
  /** Language for messages (constraint_message, required_message); default the form's. */
  readonly language?: string;
}

export type SubmissionResult =
  | { readonly ok: true; readonly answers: Answers }
  | { readonly ok: false; readonly issues: readonly AnswerIssue[] };

/** Longest free-text answer accepted (characters). */
export const MAX_TEXT_LENGTH = 10_000;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?([+-]\d\d:\d\d|Z)?$/;

type Raw = Readonly<Record<string, unknown>>;

class Scope implements AnswerScope {
  readonly values = new Map<string, AnswerValue>();
  readonly children = new Map<string, Scope[]>();
  constructor(
    readonly raw: Raw,
    /** `personen[2].` inside repeats, as issue paths name the answers. */
    readonly prefix: string,
    readonly depth: number,
    readonly parent?: Scope,
  ) {}
}

const isPlainObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** A raw answer as typed value, or the reason it is not one. Areas resolve to their area key. */
export function coerceAnswer(
  cq: Pick<CompiledQuestion, 'question' | 'list' | 'postcodes'>,
  raw: unknown,
  geometries?: AreaGeometries,
): { value: AnswerValue } | Refusal {
  const q = cq.question;
  const text =
    typeof raw === 'string'
      ? raw.trim()
      : typeof raw === 'number' && Number.isFinite(raw)
        ? String(raw)
        : undefined;
  const typeError = (
    expected: 'text' | 'integer' | 'decimal' | 'date' | 'time' | 'geopoint' | 'option' | 'options' | 'area',
  ): Refusal => refusal('invalid_type', `expected-${expected}`, { got: String(JSON.stringify(raw)) });
  switch (q.type) {
    case 'text':
      if (typeof raw !== 'string') return typeError('text');
      if (raw.length > MAX_TEXT_LENGTH)
        return refusal('invalid_type', 'text-too-long', { max: MAX_TEXT_LENGTH });
      return { value: raw };
    case 'integer':
      if (text === undefined || !INTEGER.test(text) || !Number.isSafeInteger(Number(text)))
        return typeError('integer');
      return { value: Number(text) };
    case 'decimal':
      if (text === undefined || !DECIMAL.test(text)) return typeError('decimal');
      return { value: Number(text) };
    case 'date':
      if (text === undefined || !parseIsoDate(text)) return typeError('date');
      return { value: text };
    case 'time':
      if (text === undefined || !TIME.test(text)) return typeError('time');
      return { value: text };
    case 'geopoint':
      if (text === undefined || !parseGeopoint(text)) return typeError('geopoint');
      return { value: text.split(/\s+/).join(' ') };
    case 'select_one': {
      if (text === undefined) return typeError('option');
      if (!cq.list?.choices.some((c) => c.name === text))
        return refusal('invalid_choice', 'choice-unknown', { value: text, list: q.listName });
      return { value: text };
    }
    case 'select_multiple':
    case 'rank': {
      const tokens = Array.isArray(raw)
        ? raw
        : typeof raw === 'string'
          ? raw.split(/\s+/).filter((t) => t !== '')
          : undefined;
      if (!tokens || !tokens.every((t): t is string => typeof t === 'string')) return typeError('options');
      const unknown = tokens.filter((t) => !cq.list?.choices.some((c) => c.name === t));
      if (unknown.length === 1)
        return refusal('invalid_choice', 'choice-unknown', { value: unknown[0], list: q.listName });
      if (unknown.length > 1)
        return refusal('invalid_choice', 'choices-unknown', {
          values: quotedList(unknown),
          list: q.listName,
        });
      if (new Set(tokens).size !== tokens.length) return refusal('invalid_choice', 'choice-twice');
      return { value: tokens };
    }
    case 'area': {
      if (text === undefined || !cq.list) return typeError('area');
      const resolved = resolveArea(q, cq.list, text, geometries, cq.postcodes);
      return resolved.ok
        ? { value: resolved.area }
        : refusal('unresolved_area', resolved.cause.code, resolved.cause.params);
    }
    default:
      return refusal('not_answerable', 'not-answerable', { type: q.type, name: q.name });
  }
}

function valueToAnswer(value: Value): AnswerValue {
  return typeof value === 'number' ? value : toStringValue(value);
}

export function validateSubmission(
  compiled: CompiledForm,
  submission: unknown,
  options: SubmissionOptions,
): SubmissionResult {
  const today = parseIsoDate(options.today);
  if (!today) throw new Error(`options.today must be YYYY-MM-DD, got ${options.today}`);
  return new SubmissionValidator(compiled, options, today).run(submission);
}

class SubmissionValidator {
  private readonly issues: AnswerIssue[] = [];
  private readonly language: string;
  private readonly logic: SkipLogic;

  constructor(
    private readonly compiled: CompiledForm,
    private readonly options: SubmissionOptions,
    private readonly today: DateValue,
  ) {
    this.language = options.language ?? compiled.form.settings.defaultLanguage;
    this.logic = new SkipLogic(compiled, today);
  }

  run(submission: unknown): SubmissionResult {
    if (!isPlainObject(submission))
      return { ok: false, issues: [{ path: '', ...refusal('invalid_type', 'submission-not-object') }] };
    const root = new Scope(submission, '', 0);
    this.collect(this.compiled.form.children, root);
    if (this.issues.length > 0) return { ok: false, issues: this.issues };
    const answers = this.check(this.compiled.form.children, root);
    return this.issues.length > 0 ? { ok: false, issues: this.issues } : { ok: true, answers };
  }

  private issue(
    scope: Scope,
    name: string,
    code: AnswerIssueCode,
    cause: AnswerCauseCode,
    params: AnswerIssueParams = {},
  ): void {
    this.refuse(scope, name, refusal(code, cause, params));
  }

  private refuse(scope: Scope, name: string, refused: Refusal): void {
    this.issues.push({ path: `${scope.prefix}${name}`, ...refused });
  }

  /** Phase 1: type every raw answer and build the repeat instances; unknown keys are refused. */
  private collect(nodes: readonly FormNode[], scope: Scope): void {
    const known = new Set<string>();
    const visit = (list: readonly FormNode[]): void => {
      for (const node of list) {
        if (node.kind === 'group' && !node.repeat) {
          visit(node.children);
          continue;
        }
        known.add(node.name);
        const raw = scope.raw[node.name];
        if (node.kind === 'group') {
          this.collectRepeat(node.name, raw, scope);
          continue;
        }
        const cq = compiledQuestion(this.compiled, node);
        const t = node.type;
        // Calculations and metadata are always computed here; whatever a client sends is ignored.
        if (t === 'calculate' || t === 'start' || t === 'end' || t === 'today' || isEmpty(raw)) continue;
        const coerced = coerceAnswer(cq, raw, this.options.areaGeometries);
        if ('value' in coerced) scope.values.set(node.name, coerced.value);
        else this.refuse(scope, node.name, coerced);
      }
    };
    visit(nodes);
    for (const key of Object.keys(scope.raw)) {
      if (known.has(key)) continue;
      const inner = this.compiled.questions.get(key) ?? this.compiled.repeats.get(key);
      if (inner && inner.repeats.length > 0)
        this.issue(scope, key, 'unknown_field', 'field-in-repeat', {
          name: key,
          repeat: inner.repeats.at(-1)!,
        });
      else this.issue(scope, key, 'unknown_field', 'field-unknown', { name: key });
    }
  }

  private collectRepeat(name: string, raw: unknown, scope: Scope): void {
    const repeat = this.compiled.repeats.get(name)!;
    if (isEmpty(raw)) {
      scope.children.set(name, []);
      return;
    }
    if (!Array.isArray(raw) || !raw.every(isPlainObject)) {
      this.issue(scope, name, 'invalid_repeat', 'repeat-not-list');
      return;
    }
    if (raw.length > MAX_REPEAT_INSTANCES) {
      this.issue(scope, name, 'invalid_repeat', 'repeat-too-many', { max: MAX_REPEAT_INSTANCES });
      return;
    }
    const instances = raw.map(
      (instance, i) => new Scope(instance, `${scope.prefix}${name}[${i + 1}].`, scope.depth + 1, scope),
    );
    scope.children.set(name, instances);
    instances.forEach((instance) => this.collect(repeat.group.children, instance));
  }

  /** The form's own message in the respondent's language, or the core's sentence. */
  private formMessage(
    labels: Labels,
    code: AnswerIssueCode,
    fallback: AnswerCauseCode,
    params: AnswerIssueParams = {},
  ): Refusal {
    const message = localize(labels, this.language, this.compiled.form.settings.defaultLanguage);
    return message === undefined
      ? refusal(code, fallback, params)
      : refusal(code, 'form-message', { message });
  }

  /** Phase 2: relevance, required, constraints, choice filters, repeat counts; returns the clean answers. */
  private check(
    nodes: readonly FormNode[],
    scope: Scope,
  ): Record<string, AnswerValue | readonly RepeatInstance[]> {
    const out: Record<string, AnswerValue | readonly RepeatInstance[]> = {};
    const reject = (this.options.nonRelevant ?? 'reject') === 'reject';
    for (const node of nodes) {
      if (node.kind === 'group' && !node.repeat) {
        Object.assign(out, this.check(node.children, scope));
        continue;
      }
      if (node.kind === 'group') {
        const repeat = this.compiled.repeats.get(node.name)!;
        const instances = scope.children.get(node.name) ?? [];
        const relevant = this.logic.isRepeatRelevant(scope, repeat);
        if (!relevant) {
          if (instances.length > 0 && reject)
            this.issue(scope, node.name, 'not_relevant', 'repeat-not-relevant');
          continue;
        }
        this.checkRepeatCount(scope, repeat, instances.length);
        out[node.name] = instances.map((instance) => this.check(node.children, instance));
        continue;
      }
      const cq = compiledQuestion(this.compiled, node);
      const q = cq.question;
      const relevant = this.logic.isRelevant(scope, cq);
      if (q.type === 'calculate') {
        const value = relevant ? this.logic.calculation(scope, cq) : '';
        if (toStringValue(value) !== '') out[q.name] = valueToAnswer(value);
        continue;
      }
      if (q.type === 'start' || q.type === 'end' || q.type === 'today') {
        out[q.name] = toStringValue(this.today);
        continue;
      }
      // Uploads are never collected (a sent one was refused as not answerable above).
      if (isMediaQuestion(q)) continue;
      const answer = scope.values.get(q.name);
      if (!relevant) {
        if (answer !== undefined && reject) this.issue(scope, q.name, 'not_relevant', 'not-relevant');
        continue;
      }
      if (answer === undefined) {
        const required =
          typeof cq.required === 'boolean'
            ? cq.required
            : toBoolean(evaluate(cq.required, this.logic.context(scope)));
        if (required && (this.options.enforceRequired ?? true))
          this.refuse(scope, q.name, this.formMessage(q.requiredMessage, 'required', 'required'));
        continue;
      }
      if (this.checkAnswer(scope, cq, answer)) out[q.name] = answer;
    }
    return out;
  }

  private checkRepeatCount(scope: Scope, repeat: CompiledRepeat, count: number): void {
    const expected = this.logic.repeatCount(scope, repeat);
    if (expected !== null && expected !== count) {
      this.issue(scope, repeat.group.name, 'invalid_repeat', 'repeat-count', { expected, got: count });
    }
  }

  private checkAnswer(scope: Scope, cq: CompiledQuestion, answer: AnswerValue): boolean {
    const q = cq.question;
    const before = this.issues.length;
    if (cq.list) {
      const selected = Array.isArray(answer) ? answer : [String(answer)];
      const allowed = cq.list.choices.filter((c) => this.logic.allowsChoice(scope, cq, c)).map((c) => c.name);
      const filtered = selected.filter((s) => !allowed.includes(s));
      if (filtered.length > 0)
        this.issue(scope, q.name, 'filtered_choice', 'choice-filtered', { values: quotedList(filtered) });
      else if (q.type === 'rank' && selected.length !== allowed.length) {
        this.issue(scope, q.name, 'invalid_choice', 'rank-incomplete', {
          expected: allowed.length,
          got: selected.length,
        });
      }
    }
    if (cq.constraint && this.issues.length === before) {
      const holds = toBoolean(evaluate(cq.constraint, this.logic.context(scope, answerToValue(q, answer))));
      if (!holds)
        this.refuse(
          scope,
          q.name,
          this.formMessage(q.constraintMessage, 'constraint', 'constraint', {
            constraint: q.constraint ?? '',
          }),
        );
    }
    return this.issues.length === before;
  }
}
