// Tree-walking interpreter for parsed ODK expressions, plus the static check run when a form is
// uploaded (unknown fields and functions, wrong arity, `.` or bare names where they mean nothing).
import { type FormIssueCause, formIssueCause, formIssueReason } from '../form-issue-codes';
import { FUNCTIONS, type FunctionContext, unsafeRegexCause } from './functions';
import { type Expr, visit } from './parser';
import { type DateValue, type Value, toBoolean, toNumber, toStringValue, valuesEqual } from './values';

export interface EvaluationContext {
  /** The answer of `${name}`: '' when unanswered (XPath's empty node), never undefined. */
  readonly field: (name: string) => Value;
  /** `.`, the answer under constraint. */
  readonly current?: Value;
  /** Choice-sheet columns of the choice being filtered (choice_filter only). */
  readonly choice?: Readonly<Record<string, string>>;
  readonly today: DateValue;
}

export class ExpressionEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionEvaluationError';
  }
}

export function evaluate(expr: Expr, ctx: EvaluationContext): Value {
  switch (expr.kind) {
    case 'number':
    case 'string':
      return expr.value;
    case 'ref':
      return ctx.field(expr.name);
    case 'current':
      return ctx.current ?? '';
    case 'name':
      if (!ctx.choice)
        throw new ExpressionEvaluationError(`bare name '${expr.name}' outside a choice_filter`);
      return ctx.choice[expr.name] ?? '';
    case 'negate':
      return -toNumber(evaluate(expr.operand, ctx));
    case 'binary':
      return binary(expr.op, expr.left, expr.right, ctx);
    case 'call': {
      const spec = FUNCTIONS[expr.name];
      if (!spec) throw new ExpressionEvaluationError(`unknown function ${expr.name}()`);
      // `if` only evaluates the branch it takes, so a guard like if(${n} > 0, 10 div ${n}, 0) costs nothing.
      if (expr.name === 'if' && expr.args.length === 3) {
        return toBoolean(evaluate(expr.args[0], ctx))
          ? evaluate(expr.args[1], ctx)
          : evaluate(expr.args[2], ctx);
      }
      const fctx: FunctionContext = { today: ctx.today, current: ctx.current ?? '' };
      return spec.fn(
        expr.args.map((a) => evaluate(a, ctx)),
        fctx,
      );
    }
  }
}

function binary(
  op: Extract<Expr, { kind: 'binary' }>['op'],
  left: Expr,
  right: Expr,
  ctx: EvaluationContext,
): Value {
  switch (op) {
    case 'or':
      return toBoolean(evaluate(left, ctx)) || toBoolean(evaluate(right, ctx));
    case 'and':
      return toBoolean(evaluate(left, ctx)) && toBoolean(evaluate(right, ctx));
    case '=':
      return valuesEqual(evaluate(left, ctx), evaluate(right, ctx));
    case '!=':
      return !valuesEqual(evaluate(left, ctx), evaluate(right, ctx));
    default:
      break;
  }
  const a = toNumber(evaluate(left, ctx));
  const b = toNumber(evaluate(right, ctx));
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case 'div':
      return a / b;
    case 'mod':
      return a % b;
  }
}

export function evaluateBoolean(expr: Expr, ctx: EvaluationContext): boolean {
  return toBoolean(evaluate(expr, ctx));
}

export function evaluateString(expr: Expr, ctx: EvaluationContext): string {
  return toStringValue(evaluate(expr, ctx));
}

export interface AnalysisScope {
  /** Whether `${name}` may be referenced here; returns the cause when not. */
  readonly checkField: (name: string) => FormIssueCause | undefined;
  readonly allowCurrent: boolean;
  /** Choice columns usable as bare names (choice_filter only). */
  readonly choiceColumns?: ReadonlySet<string>;
}

/** Every cause that keeps an (already parsed) expression from running in `scope`; empty when it can. */
export function analyseExpressionIssues(expr: Expr, scope: AnalysisScope): FormIssueCause[] {
  const causes: FormIssueCause[] = [];
  const seen = new Set<string>();
  const add = (cause: FormIssueCause | undefined): void => {
    if (!cause) return;
    const key = formIssueReason(cause);
    if (seen.has(key)) return;
    seen.add(key);
    causes.push(cause);
  };
  visit(expr, (e) => {
    switch (e.kind) {
      case 'ref':
        add(scope.checkField(e.name));
        break;
      case 'current':
        if (!scope.allowCurrent) add(formIssueCause('current-not-allowed'));
        break;
      case 'name':
        if (!scope.choiceColumns) add(formIssueCause('bare-name', { name: e.name }));
        else if (!scope.choiceColumns.has(e.name))
          add(formIssueCause('choice-column-unknown', { name: e.name }));
        break;
      case 'call': {
        const spec = FUNCTIONS[e.name];
        if (!spec) {
          add(formIssueCause('function-unknown', { name: e.name }));
        } else if (e.args.length < spec.min || e.args.length > spec.max) {
          const max = spec.max === Infinity ? -1 : spec.max;
          add(formIssueCause('function-arity', { name: e.name, min: spec.min, max, got: e.args.length }));
        } else if (e.name === 'regex' && e.args[1]?.kind === 'string') {
          add(unsafeRegexCause(e.args[1].value));
        } else if (e.name === 'pulldata') {
          add(formIssueCause('function-pulldata'));
        }
        break;
      }
      default:
        break;
    }
  });
  return causes;
}

/** Every reason (English) an (already parsed) expression cannot run in `scope`; empty when it can. */
export function analyseExpression(expr: Expr, scope: AnalysisScope): string[] {
  return analyseExpressionIssues(expr, scope).map(formIssueReason);
}
