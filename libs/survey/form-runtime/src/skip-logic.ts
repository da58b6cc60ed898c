// Skip logic with the core's evaluator: whether a question is relevant and what a field or a
// calculation holds, memoised per refresh and safe against cycles and half-typed input.
import {
  type CompiledForm,
  type CompiledQuestion,
  type DateValue,
  type Value,
  answerToValue,
  evaluate,
  toBoolean,
} from '@quartier/survey-core/browser';
import { type Scope, scopeAt } from './scope';

export class SkipLogic {
  private relevantMemo = new Map<string, boolean>();
  private calcMemo = new Map<string, Value>();
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly compiled: CompiledForm,
    private readonly today: DateValue,
  ) {}

  /** Forgets what was worked out: the answers in the page have (or may have) changed. */
  reset(): void {
    this.relevantMemo = new Map();
    this.calcMemo = new Map();
  }

  guarded<T>(key: string, fallback: T, fn: () => T): T {
    if (this.evaluating.has(key)) return fallback;
    this.evaluating.add(key);
    try {
      return fn();
    } catch {
      // An expression failing on half-typed input hides nothing and shows nothing new.
      return fallback;
    } finally {
      this.evaluating.delete(key);
    }
  }

  context(scope: Scope, choice?: Record<string, string>) {
    return {
      field: (name: string) => this.fieldValue(scope, name),
      today: this.today,
      ...(choice ? { choice } : {}),
    };
  }

  fieldValue(from: Scope, name: string): Value {
    const cq = this.compiled.questions.get(name);
    if (!cq) return '';
    const scope = scopeAt(from, cq.repeats.length);
    if (!this.isRelevant(scope, cq)) return '';
    const q = cq.question;
    if (q.type === 'calculate') {
      const key = `${scope.prefix}${name}`;
      const memo = this.calcMemo.get(key);
      if (memo !== undefined) return memo;
      const value = cq.calculation
        ? this.guarded(`c:${key}`, '' as Value, () => evaluate(cq.calculation!, this.context(scope)))
        : '';
      this.calcMemo.set(key, value);
      return value;
    }
    if (q.type === 'today' || q.type === 'start' || q.type === 'end') return this.today;
    return answerToValue(q, scope.values.get(name));
  }

  isRelevant(scope: Scope, cq: CompiledQuestion): boolean {
    const key = `${scope.prefix}${cq.question.name}`;
    const memo = this.relevantMemo.get(key);
    if (memo !== undefined) return memo;
    const relevant = this.guarded(`r:${key}`, false, () =>
      cq.relevance.every((e) => toBoolean(evaluate(e, this.context(scope)))),
    );
    this.relevantMemo.set(key, relevant);
    return relevant;
  }
}
