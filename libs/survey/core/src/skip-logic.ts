// Skip logic over one submission's answers: whether a question or a repeat is relevant, what a
// field or a calculation holds, which choices a choice_filter leaves. The server's validation
// (submission.ts) and the public form's script (libs/survey/form-runtime) both ask this class, so
// the page shows exactly the questions whose answers the server accepts, and the same calculations.
import { type AnswerValue, MAX_REPEAT_INSTANCES } from './answers';
import type { CompiledForm, CompiledQuestion, CompiledRepeat } from './compile';
import { type EvaluationContext, evaluate } from './expression/evaluate';
import type { Expr } from './expression/parser';
import { type DateValue, type Value, parseIsoDate, toBoolean, toNumber } from './expression/values';
import type { Choice, Question } from './model';

/** The typed answers of one scope: the submission itself or one repeat instance. */
export interface AnswerScope {
  /** What the scope's names are prefixed with (issue paths, field ids): '' for the submission; unique. */
  readonly prefix: string;
  readonly values: ReadonlyMap<string, AnswerValue>;
  /** Repeat depth: 0 for the submission. */
  readonly depth: number;
  readonly parent?: AnswerScope;
}

export interface SkipLogicOptions {
  /**
   * While the respondent types (the public form), an expression that fails on half-typed input
   * gives its fallback — not relevant, empty, choice allowed — instead of throwing.
   */
  readonly tolerant?: boolean;
}

/** An answer as the expression language sees it. */
export function answerToValue(question: Question, answer: AnswerValue | undefined): Value {
  if (answer === undefined) return '';
  if (Array.isArray(answer)) return answer.join(' ');
  if (
    question.type === 'date' ||
    question.type === 'today' ||
    question.type === 'start' ||
    question.type === 'end'
  ) {
    return parseIsoDate(String(answer)) ?? String(answer);
  }
  return answer as string | number;
}

/** The instances a repeat_count value sizes a repeat to (see `SkipLogic.repeatCount`), or null for no number. */
function repeatCountOf(value: Value): number | null {
  const n = toNumber(value);
  return Number.isFinite(n) ? Math.min(MAX_REPEAT_INSTANCES, Math.max(0, Math.trunc(n))) : null;
}

/** The enclosing scope at repeat depth `depth` (0 = the submission itself). */
function scopeAt(scope: AnswerScope, depth: number): AnswerScope {
  return scope.depth > depth && scope.parent ? scopeAt(scope.parent, depth) : scope;
}

/** Works out relevance and calculations, memoised until `reset`. */
export class SkipLogic {
  private relevantMemo = new Map<string, boolean>();
  private calcMemo = new Map<string, Value>();
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly compiled: CompiledForm,
    private readonly today: DateValue,
    private readonly options: SkipLogicOptions = {},
  ) {}

  /** Forgets what was worked out: the answers have (or may have) changed. */
  reset(): void {
    this.relevantMemo = new Map();
    this.calcMemo = new Map();
  }

  /** `fn`'s result, or `fallback` when `key` is already being worked out (or, tolerant, when it throws). */
  guarded<T>(key: string, fallback: T, fn: () => T): T {
    // Relevance may (unwisely) depend on itself through other fields; such a loop is not relevant.
    if (this.evaluating.has(key)) return fallback;
    this.evaluating.add(key);
    try {
      return fn();
    } catch (error) {
      // An expression failing on half-typed input hides nothing and shows nothing new.
      if (this.options.tolerant) return fallback;
      throw error;
    } finally {
      this.evaluating.delete(key);
    }
  }

  context(scope: AnswerScope, current?: Value, choice?: Readonly<Record<string, string>>): EvaluationContext {
    return {
      field: (name) => this.fieldValue(scope, name),
      today: this.today,
      ...(current !== undefined ? { current } : {}),
      ...(choice ? { choice } : {}),
    };
  }

  /** `${name}` as seen from `from`: '' where that question is not relevant. */
  fieldValue(from: AnswerScope, name: string): Value {
    const cq = this.compiled.questions.get(name);
    if (!cq) return '';
    const scope = scopeAt(from, cq.repeats.length);
    if (!this.isRelevant(scope, cq)) return '';
    const q = cq.question;
    if (q.type === 'calculate') return this.calculation(scope, cq);
    if (q.type === 'today' || q.type === 'start' || q.type === 'end') return this.today;
    return answerToValue(q, scope.values.get(name));
  }

  isRelevant(scope: AnswerScope, cq: CompiledQuestion): boolean {
    const key = `${scope.prefix}${cq.question.name}`;
    const memo = this.relevantMemo.get(key);
    if (memo !== undefined) return memo;
    const relevant = this.guarded(`r:${key}`, false, () => this.allHold(scope, cq.relevance));
    this.relevantMemo.set(key, relevant);
    return relevant;
  }

  isRepeatRelevant(scope: AnswerScope, repeat: CompiledRepeat): boolean {
    return this.guarded(`g:${scope.prefix}${repeat.group.name}`, false, () =>
      this.allHold(scope, repeat.relevance),
    );
  }

  /**
   * How many instances a repeat sized by repeat_count has under `scope` (the scope holding the
   * repeat), or null without a repeat_count or when it gives no finite number (the count is then
   * the respondent's). The page sizes the repeat by it and the server checks the answer against
   * it, with the expression language's number conversion on both sides: a fraction is cut to
   * whole instances, below zero is none, above MAX_REPEAT_INSTANCES is that many — the household
   * of 80 keeps its true size in the answer it was counted from, and gives 50 blocks it can send.
   */
  repeatCount(scope: AnswerScope, repeat: CompiledRepeat): number | null {
    const count = repeat.repeatCount;
    if (!count) return null;
    return this.guarded(`n:${scope.prefix}${repeat.group.name}`, null, () =>
      repeatCountOf(evaluate(count, this.context(scope))),
    );
  }

  /** The value of a calculate question in its own scope. */
  calculation(scope: AnswerScope, cq: CompiledQuestion): Value {
    const key = `${scope.prefix}${cq.question.name}`;
    const memo = this.calcMemo.get(key);
    if (memo !== undefined) return memo;
    const value = cq.calculation
      ? this.guarded(`c:${key}`, '' as Value, () => evaluate(cq.calculation!, this.context(scope)))
      : '';
    this.calcMemo.set(key, value);
    return value;
  }

  /** Whether the question's choice_filter leaves `choice` (always, without a filter). */
  allowsChoice(scope: AnswerScope, cq: CompiledQuestion, choice: Choice): boolean {
    const filter = cq.choiceFilter;
    if (!filter) return true;
    return this.guarded(`f:${scope.prefix}${cq.question.name}:${choice.name}`, true, () =>
      toBoolean(
        evaluate(filter, this.context(scope, undefined, { ...choice.properties, name: choice.name })),
      ),
    );
  }

  private allHold(scope: AnswerScope, exprs: readonly Expr[]): boolean {
    return exprs.every((e) => toBoolean(evaluate(e, this.context(scope))));
  }
}
