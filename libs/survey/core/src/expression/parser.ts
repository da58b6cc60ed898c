// The ODK expression language (the XPath 1.0 subset XLSForm uses in relevant, constraint,
// calculation, required and choice_filter), tokenised and parsed by hand into an AST. Forms come
// from outside — residents' surveys are uploaded by staff and KoboToolbox exports — so nothing
// here ever reaches `eval`/`Function`; the interpreter walks this tree.
import {
  type FormIssueCause,
  type FormIssueCode,
  type FormIssueParams,
  formIssueReason,
} from '../form-issue-codes';

export type BinaryOperator =
  'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

export type Expr =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  /** `${name}`: another field's answer. */
  | { readonly kind: 'ref'; readonly name: string; readonly position: number }
  /** `.`: the answer being constrained. */
  | { readonly kind: 'current'; readonly position: number }
  /** A bare name: a choices-sheet column inside a choice_filter (`district = ${district}`). */
  | { readonly kind: 'name'; readonly name: string; readonly position: number }
  | { readonly kind: 'negate'; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: Expr; readonly right: Expr }
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly args: readonly Expr[];
      readonly position: number;
    };

type Token =
  | { type: 'number'; value: number; position: number }
  | { type: 'string'; value: string; position: number }
  | { type: 'ref'; value: string; position: number }
  | { type: 'name'; value: string; position: number }
  | { type: 'op'; value: string; position: number }
  | { type: 'end'; position: number };

/** A syntax error; `position` is the 1-based character where it was noticed. */
export class ExpressionSyntaxError extends Error {
  /** The English sentence (without the position). */
  readonly reason: string;
  /** Code and parameters, for translations. */
  readonly issue: FormIssueCause;
  constructor(
    code: FormIssueCode,
    readonly position: number,
    params: FormIssueParams = {},
  ) {
    const reason = formIssueReason({ code, params });
    super(`${reason} at character ${position}`);
    this.name = 'ExpressionSyntaxError';
    this.reason = reason;
    this.issue = { code, params: { ...params, position } };
  }
}

const NAME_START = /[\p{L}_]/u;
const NAME_CHAR = /[\p{L}\p{N}_.:-]/u;
const FIELD_NAME = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;
/** Longest expression accepted: a guard against pathological input, far above real forms. */
export const MAX_EXPRESSION_LENGTH = 4000;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    const position = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^(\d+(\.\d*)?|\.\d+)/.exec(source.slice(i));
      const text = match ? match[0] : ch;
      tokens.push({ type: 'number', value: Number(text), position });
      i += text.length;
    } else if (ch === "'" || ch === '"') {
      // XPath 1.0 literals have no escapes: a quote of the other kind is the only way to embed one.
      const close = source.indexOf(ch, i + 1);
      if (close < 0) throw new ExpressionSyntaxError('syntax-unterminated-string', position);
      tokens.push({ type: 'string', value: source.slice(i + 1, close), position });
      i = close + 1;
    } else if (ch === '$') {
      if (source[i + 1] !== '{') throw new ExpressionSyntaxError('syntax-dollar-without-brace', position);
      const close = source.indexOf('}', i + 2);
      if (close < 0) throw new ExpressionSyntaxError('syntax-unterminated-reference', position);
      const name = source.slice(i + 2, close).trim();
      if (!FIELD_NAME.test(name))
        throw new ExpressionSyntaxError('syntax-invalid-reference', position, { name });
      tokens.push({ type: 'ref', value: name, position });
      i = close + 1;
    } else if (NAME_START.test(ch)) {
      let j = i + 1;
      while (j < source.length && NAME_CHAR.test(source[j])) j++;
      tokens.push({ type: 'name', value: source.slice(i, j), position });
      i = j;
    } else {
      const two = source.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        tokens.push({ type: 'op', value: two, position });
        i += 2;
      } else if (two === '..') {
        throw new ExpressionSyntaxError('syntax-relative-path', position);
      } else if ('+-*=<>(),.'.includes(ch)) {
        tokens.push({ type: 'op', value: ch, position });
        i++;
      } else if (ch === '/') {
        throw new ExpressionSyntaxError('syntax-xpath-path', position);
      } else {
        throw new ExpressionSyntaxError('syntax-unexpected-character', position, { character: ch });
      }
    }
  }
  tokens.push({ type: 'end', position: source.length + 1 });
  return tokens;
}

const OPERATOR_WORDS = new Set(['and', 'or', 'div', 'mod']);

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    if (this.peek().type === 'end') throw new ExpressionSyntaxError('syntax-empty', 1);
    const expr = this.or();
    const rest = this.peek();
    if (rest.type !== 'end')
      throw new ExpressionSyntaxError('syntax-unexpected-token', rest.position, { token: describe(rest) });
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++];
  }

  /** An operator token or operator word (`and`, `div`, …) at the current position, if any of `ops`. */
  private acceptOperator(ops: readonly string[]): string | undefined {
    const t = this.peek();
    if ((t.type === 'op' || (t.type === 'name' && OPERATOR_WORDS.has(t.value))) && ops.includes(t.value)) {
      this.index++;
      return t.value;
    }
    return undefined;
  }

  private binaryLevel(ops: readonly BinaryOperator[], operand: () => Expr): Expr {
    let left = operand();
    for (let op = this.acceptOperator(ops); op !== undefined; op = this.acceptOperator(ops)) {
      left = { kind: 'binary', op: op as BinaryOperator, left, right: operand() };
    }
    return left;
  }

  private or = (): Expr => this.binaryLevel(['or'], this.and);
  private and = (): Expr => this.binaryLevel(['and'], this.equality);
  private equality = (): Expr => this.binaryLevel(['=', '!='], this.relational);
  private relational = (): Expr => this.binaryLevel(['<', '<=', '>', '>='], this.additive);
  private additive = (): Expr => this.binaryLevel(['+', '-'], this.multiplicative);
  private multiplicative = (): Expr => this.binaryLevel(['*', 'div', 'mod'], this.unary);

  private unary = (): Expr => {
    if (this.acceptOperator(['-'])) return { kind: 'negate', operand: this.unary() };
    return this.primary();
  };

  private primary(): Expr {
    const t = this.next();
    switch (t.type) {
      case 'number':
        return { kind: 'number', value: t.value };
      case 'string':
        return { kind: 'string', value: t.value };
      case 'ref':
        return { kind: 'ref', name: t.value, position: t.position };
      case 'name': {
        if (this.peek().type === 'op' && (this.peek() as { value: string }).value === '(') {
          this.index++;
          return { kind: 'call', name: t.value, args: this.args(), position: t.position };
        }
        return { kind: 'name', name: t.value, position: t.position };
      }
      case 'op':
        if (t.value === '(') {
          const inner = this.or();
          this.expect(')');
          return inner;
        }
        if (t.value === '.') return { kind: 'current', position: t.position };
        throw new ExpressionSyntaxError('syntax-unexpected-token', t.position, { token: `'${t.value}'` });
      case 'end':
        throw new ExpressionSyntaxError('syntax-unexpected-end', t.position);
    }
  }

  private args(): Expr[] {
    const args: Expr[] = [];
    if (this.acceptOperator([')'])) return args;
    for (;;) {
      args.push(this.or());
      if (this.acceptOperator([')'])) return args;
      this.expect(',');
    }
  }

  private expect(op: string): void {
    const t = this.peek();
    if (t.type === 'op' && t.value === op) {
      this.index++;
      return;
    }
    throw new ExpressionSyntaxError('syntax-expected', t.position, { expected: op, found: describe(t) });
  }
}

function describe(t: Token): string {
  switch (t.type) {
    case 'end':
      return 'end of expression';
    case 'string':
      return `'${t.value}'`;
    case 'ref':
      return `\${${t.value}}`;
    default:
      return `'${t.value}'`;
  }
}

export function parseExpression(source: string): Expr {
  if (source.length > MAX_EXPRESSION_LENGTH)
    throw new ExpressionSyntaxError('syntax-too-long', 1, { max: MAX_EXPRESSION_LENGTH });
  return new Parser(tokenize(source)).parse();
}

/** Every `${name}` an expression reads, in order of appearance, without repeats. */
export function referencedFields(expr: Expr): string[] {
  const names: string[] = [];
  visit(expr, (e) => {
    if (e.kind === 'ref' && !names.includes(e.name)) names.push(e.name);
  });
  return names;
}

export function visit(expr: Expr, fn: (e: Expr) => void): void {
  fn(expr);
  switch (expr.kind) {
    case 'negate':
      visit(expr.operand, fn);
      break;
    case 'binary':
      visit(expr.left, fn);
      visit(expr.right, fn);
      break;
    case 'call':
      expr.args.forEach((a) => visit(a, fn));
      break;
    default:
      break;
  }
}
