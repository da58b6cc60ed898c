import { IndicatorError } from './indicator-error';

// DHIS2-style indicator formulas such as `100 * #{unemployed} / #{residents_15_65}`. Formulas
// are entered by administrators and stored, so they are parsed into an AST by a small
// recursive-descent parser and evaluated by walking it — never by eval/Function, which would
// turn a formula field into remote code execution.
//
// Grammar:
//   formula := expr EOF
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary)*
//   unary   := ('+' | '-') unary | primary
//   primary := NUMBER | '#{' ELEMENT '}' | '(' expr ')'

export type FormulaNode =
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'element'; id: string; offset: number }
  | { kind: 'unary'; operator: '+' | '-'; operand: FormulaNode; offset: number }
  | {
      kind: 'binary';
      operator: '+' | '-' | '*' | '/';
      left: FormulaNode;
      right: FormulaNode;
      offset: number;
    };

export type FormulaResult =
  | { status: 'value'; value: number }
  | { status: 'missing'; reason: 'missing-element'; elements: string[] }
  | { status: 'missing'; reason: 'division-by-zero' }
  | { status: 'missing'; reason: 'not-finite' };

export interface Formula {
  source: string;
  ast: FormulaNode;
  /** Referenced data elements, in order of first appearance, without duplicates. */
  elements: string[];
  /** Evaluates with the given element values; absent/null/non-finite values make the result missing. */
  evaluate(
    values:
      Readonly<Record<string, number | null | undefined>> | ReadonlyMap<string, number | null | undefined>,
  ): FormulaResult;
}

/** A syntax error; `position` is 1-based (as editors count columns), `offset` 0-based. */
export class FormulaSyntaxError extends IndicatorError {
  readonly position: number;
  constructor(
    readonly detail: string,
    readonly offset: number,
    readonly source: string,
  ) {
    super('FormulaSyntax', `${detail} at position ${offset + 1} in formula "${source}"`);
    this.name = 'FormulaSyntaxError';
    this.position = offset + 1;
  }
}

type Token =
  | { type: 'number'; value: number; text: string; offset: number }
  | { type: 'element'; id: string; offset: number }
  | { type: 'operator'; value: '+' | '-' | '*' | '/'; offset: number }
  | { type: 'paren'; value: '(' | ')'; offset: number }
  | { type: 'end'; offset: number };

const NUMBER = /^(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/;
const ELEMENT_ID = /^[\p{L}\p{N}_.-]+$/u;
const MAX_DEPTH = 100;
const MAX_LENGTH = 10_000;

export function tokenizeFormula(source: string): Token[] {
  if (source.length > MAX_LENGTH)
    throw new FormulaSyntaxError(
      `formula longer than ${MAX_LENGTH} characters`,
      MAX_LENGTH,
      source.slice(0, 40) + '…',
    );
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '+' || ch === '-' || ch === '*' || ch === '/') {
      tokens.push({ type: 'operator', value: ch, offset: i });
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ type: 'paren', value: ch, offset: i });
      i++;
    } else if (ch === '#') {
      if (source[i + 1] !== '{') throw new FormulaSyntaxError(`expected '{' after '#'`, i + 1, source);
      const close = source.indexOf('}', i + 2);
      if (close < 0) throw new FormulaSyntaxError(`unclosed element reference '#{' (missing '}')`, i, source);
      const id = source.slice(i + 2, close);
      if (id === '') throw new FormulaSyntaxError('empty element reference #{}', i, source);
      if (!ELEMENT_ID.test(id)) {
        const bad = [...id].findIndex((c) => !ELEMENT_ID.test(c));
        throw new FormulaSyntaxError(
          `invalid character '${id[bad]}' in element reference`,
          i + 2 + bad,
          source,
        );
      }
      tokens.push({ type: 'element', id, offset: i });
      i = close + 1;
    } else if (/[\d.]/.test(ch)) {
      const match = NUMBER.exec(source.slice(i));
      if (!match) throw new FormulaSyntaxError(`malformed number`, i, source);
      const end = i + match[0].length;
      if (end < source.length && /[\d.eE\p{L}_]/u.test(source[end]))
        throw new FormulaSyntaxError(`malformed number '${source.slice(i, end + 1)}'`, i, source);
      tokens.push({ type: 'number', value: Number(match[0]), text: match[0], offset: i });
      i = end;
    } else {
      throw new FormulaSyntaxError(`unexpected character '${ch}'`, i, source);
    }
  }
  tokens.push({ type: 'end', offset: source.length });
  return tokens;
}

function describe(token: Token): string {
  switch (token.type) {
    case 'number':
      return `number ${token.text}`;
    case 'element':
      return `element #{${token.id}}`;
    case 'operator':
    case 'paren':
      return `'${token.value}'`;
    case 'end':
      return 'end of formula';
  }
}

class Parser {
  private index = 0;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parseFormula(): FormulaNode {
    if (this.peek().type === 'end') throw new FormulaSyntaxError('empty formula', 0, this.source);
    const node = this.expression();
    const rest = this.peek();
    if (rest.type !== 'end') {
      const detail =
        rest.type === 'paren' && rest.value === ')'
          ? `unmatched ')'`
          : `expected an operator but found ${describe(rest)}`;
      throw new FormulaSyntaxError(detail, rest.offset, this.source);
    }
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++];
  }

  private expression(): FormulaNode {
    return this.leftAssociative(['+', '-'], () => this.term());
  }

  private term(): FormulaNode {
    return this.leftAssociative(['*', '/'], () => this.unary());
  }

  /** operand (operator operand)*, grouped from the left: a - b - c is (a - b) - c. */
  private leftAssociative(operators: readonly string[], operand: () => FormulaNode): FormulaNode {
    let left = operand();
    for (
      let token = this.peek();
      token.type === 'operator' && operators.includes(token.value);
      token = this.peek()
    ) {
      this.next();
      left = { kind: 'binary', operator: token.value, left, right: operand(), offset: token.offset };
    }
    return left;
  }

  private unary(): FormulaNode {
    const token = this.peek();
    if (token.type === 'operator' && (token.value === '+' || token.value === '-')) {
      this.next();
      return this.nested(token.offset, () => ({
        kind: 'unary',
        operator: token.value as '+' | '-',
        operand: this.unary(),
        offset: token.offset,
      }));
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: token.value, offset: token.offset };
      case 'element':
        return { kind: 'element', id: token.id, offset: token.offset };
      case 'paren':
        if (token.value === '(') {
          const inner = this.nested(token.offset, () => this.expression());
          const close = this.next();
          if (close.type !== 'paren' || close.value !== ')') {
            throw new FormulaSyntaxError(
              `expected ')' to close '(' at position ${token.offset + 1} but found ${describe(close)}`,
              close.offset,
              this.source,
            );
          }
          return inner;
        }
        throw new FormulaSyntaxError(
          `expected a number, element or '(' but found ')'`,
          token.offset,
          this.source,
        );
      default:
        throw new FormulaSyntaxError(
          `expected a number, element or '(' but found ${describe(token)}`,
          token.offset,
          this.source,
        );
    }
  }

  private nested(offset: number, parse: () => FormulaNode): FormulaNode {
    if (++this.depth > MAX_DEPTH)
      throw new FormulaSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, offset, this.source);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }
}

/**
 * Parses a formula.
 * @throws FormulaSyntaxError with the 1-based position of the offending character.
 */
export function parseFormula(source: string): Formula {
  const ast = new Parser(tokenizeFormula(source), source).parseFormula();
  const elements = formulaElements(ast);
  return {
    source,
    ast,
    elements,
    evaluate: (values) => evaluateFormula(ast, values, elements),
  };
}

export function formulaElements(ast: FormulaNode): string[] {
  const found: string[] = [];
  const visit = (node: FormulaNode): void => {
    if (node.kind === 'element') {
      if (!found.includes(node.id)) found.push(node.id);
    } else if (node.kind === 'unary') visit(node.operand);
    else if (node.kind === 'binary') {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(ast);
  return found;
}

class DivisionByZero {}

/**
 * Evaluates an AST. A missing element makes the whole result missing (listing every missing
 * element); dividing by zero gives missing, not Infinity — a rate over an empty population is
 * undefined, and a 0 or ∞ would be indistinguishable from a real value downstream.
 */
export function evaluateFormula(
  ast: FormulaNode,
  values:
    Readonly<Record<string, number | null | undefined>> | ReadonlyMap<string, number | null | undefined>,
  elements: readonly string[] = formulaElements(ast),
): FormulaResult {
  const lookup = (id: string): number | null | undefined =>
    values instanceof Map
      ? values.get(id)
      : Object.prototype.hasOwnProperty.call(values, id)
        ? (values as Record<string, number | null | undefined>)[id]
        : undefined;
  const missing = elements.filter((id) => {
    const v = lookup(id);
    return typeof v !== 'number' || !Number.isFinite(v);
  });
  if (missing.length > 0) return { status: 'missing', reason: 'missing-element', elements: missing };
  const walk = (node: FormulaNode): number => {
    switch (node.kind) {
      case 'number':
        return node.value;
      case 'element':
        return lookup(node.id) as number;
      case 'unary':
        return node.operator === '-' ? -walk(node.operand) : walk(node.operand);
      case 'binary': {
        const left = walk(node.left);
        const right = walk(node.right);
        switch (node.operator) {
          case '+':
            return left + right;
          case '-':
            return left - right;
          case '*':
            return left * right;
          case '/':
            if (right === 0) throw new DivisionByZero();
            return left / right;
        }
      }
    }
  };
  try {
    const value = walk(ast);
    return Number.isFinite(value) ? { status: 'value', value } : { status: 'missing', reason: 'not-finite' };
  } catch (error) {
    if (error instanceof DivisionByZero) return { status: 'missing', reason: 'division-by-zero' };
    throw error;
  }
}

const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;

/** Canonical text of an AST with only the parentheses the precedence needs. */
export function formatFormula(node: FormulaNode): string {
  switch (node.kind) {
    case 'number':
      return String(node.value);
    case 'element':
      return `#{${node.id}}`;
    case 'unary': {
      const operand = formatFormula(node.operand);
      return node.operand.kind === 'binary' ? `${node.operator}(${operand})` : `${node.operator}${operand}`;
    }
    case 'binary': {
      const own = PRECEDENCE[node.operator];
      const wrap = (child: FormulaNode, right: boolean) => {
        const text = formatFormula(child);
        if (child.kind !== 'binary') return text;
        const childPrecedence = PRECEDENCE[child.operator];
        // Left-associative: a right operand of equal precedence needs parentheses for - and /.
        const needs =
          childPrecedence < own ||
          (right && childPrecedence === own && (node.operator === '-' || node.operator === '/'));
        return needs ? `(${text})` : text;
      };
      return `${wrap(node.left, false)} ${node.operator} ${wrap(node.right, true)}`;
    }
  }
}
