import { evaluateFormula, formatFormula, FormulaSyntaxError, parseFormula, tokenizeFormula } from './formula';
import { IndicatorError } from './indicator-error';

function syntaxError(source: string): FormulaSyntaxError {
  try {
    parseFormula(source);
  } catch (error) {
    expect(error).toBeInstanceOf(FormulaSyntaxError);
    expect(error).toBeInstanceOf(IndicatorError);
    expect((error as FormulaSyntaxError).code).toBe('FormulaSyntax');
    return error as FormulaSyntaxError;
  }
  throw new Error(`expected "${source}" to be rejected`);
}

describe('parseFormula', () => {
  it('parses the DHIS2 unemployment rate and lists its elements', () => {
    const formula = parseFormula('100 * #{unemployed} / #{residents_15_65}');
    expect(formula.elements).toEqual(['unemployed', 'residents_15_65']);
    expect(formula.ast).toEqual({
      kind: 'binary',
      operator: '/',
      offset: 20,
      left: {
        kind: 'binary',
        operator: '*',
        offset: 4,
        left: { kind: 'number', value: 100, offset: 0 },
        right: { kind: 'element', id: 'unemployed', offset: 6 },
      },
      right: { kind: 'element', id: 'residents_15_65', offset: 22 },
    });
    expect(formula.evaluate({ unemployed: 45, residents_15_65: 900 })).toEqual({ status: 'value', value: 5 });
  });

  it('respects precedence, left associativity, parentheses and unary signs', () => {
    const value = (source: string) => parseFormula(source).evaluate({});
    expect(value('1 + 2 * 3')).toEqual({ status: 'value', value: 7 });
    expect(value('(1 + 2) * 3')).toEqual({ status: 'value', value: 9 });
    expect(value('10 - 4 - 3')).toEqual({ status: 'value', value: 3 });
    expect(value('24 / 4 / 2')).toEqual({ status: 'value', value: 3 });
    expect(value('-2 * -3')).toEqual({ status: 'value', value: 6 });
    expect(value('-(2 + 3) + +1')).toEqual({ status: 'value', value: -4 });
    expect(value('--2')).toEqual({ status: 'value', value: 2 });
    expect(value('.5 + 1.25e2 + 2E-1')).toEqual({ status: 'value', value: 125.7 });
  });

  it('lists each element once, in order of first appearance, and accepts DHIS2 uid.coc references', () => {
    const formula = parseFormula('(#{b} + #{a.X1}) / #{b}');
    expect(formula.elements).toEqual(['b', 'a.X1']);
    expect(
      formula.evaluate(
        new Map([
          ['b', 4],
          ['a.X1', 4],
        ]),
      ),
    ).toEqual({ status: 'value', value: 2 });
    expect(parseFormula('#{Einwohner_über_65} * 1').elements).toEqual(['Einwohner_über_65']);
  });

  it('returns missing (not Infinity or NaN) on division by zero, also 0/0', () => {
    expect(parseFormula('#{a} / #{b}').evaluate({ a: 1, b: 0 })).toEqual({
      status: 'missing',
      reason: 'division-by-zero',
    });
    expect(parseFormula('#{a} / (#{b} - #{b})').evaluate({ a: 0, b: 3 })).toEqual({
      status: 'missing',
      reason: 'division-by-zero',
    });
    expect(parseFormula('0 / 5').evaluate({})).toEqual({ status: 'value', value: 0 });
  });

  it('returns missing listing every element without a usable value', () => {
    const formula = parseFormula('#{a} + #{b} + #{c} + #{d}');
    expect(formula.evaluate({ a: 1, b: null, d: Number.NaN })).toEqual({
      status: 'missing',
      reason: 'missing-element',
      elements: ['b', 'c', 'd'],
    });
    // inherited properties are not element values
    expect(parseFormula('#{constructor}').evaluate({})).toEqual({
      status: 'missing',
      reason: 'missing-element',
      elements: ['constructor'],
    });
  });

  it('reports overflow as not-finite', () => {
    expect(parseFormula('1e308 * 10').evaluate({})).toEqual({ status: 'missing', reason: 'not-finite' });
  });

  it.each([
    ['', 'empty formula at position 1'],
    ['   ', 'empty formula at position 1'],
    ['1 +', "expected a number, element or '(' but found end of formula at position 4"],
    ['1 + * 2', "expected a number, element or '(' but found '*' at position 5"],
    ['(1 + 2', "expected ')' to close '(' at position 1 but found end of formula at position 7"],
    ['1 + 2)', "unmatched ')' at position 6"],
    ['()', "expected a number, element or '(' but found ')' at position 2"],
    ['2 #{a}', 'expected an operator but found element #{a} at position 3'],
    ['2 3', 'expected an operator but found number 3 at position 3'],
    ['#{a', "unclosed element reference '#{' (missing '}') at position 1"],
    ['1 + #a', "expected '{' after '#' at position 6"],
    ['#{}', 'empty element reference #{} at position 1'],
    ['#{a b}', "invalid character ' ' in element reference at position 4"],
    ['#{a;drop}', "invalid character ';' in element reference at position 4"],
    ['1 ^ 2', "unexpected character '^' at position 3"],
    ['process.exit()', "unexpected character 'p' at position 1"],
    ['1.2.3', "malformed number '1.2.' at position 1"],
    ['1e', "malformed number '1e' at position 1"],
    ['.', 'malformed number at position 1'],
  ])('rejects %j: %s', (source, message) => {
    const error = syntaxError(source);
    expect(error.message).toBe(`${message} in formula "${source}"`);
    expect(error.position).toBe(error.offset + 1);
  });

  it('exposes the 1-based position and the detail separately', () => {
    const error = syntaxError('100 * #{a} $ 2');
    expect(error.detail).toBe("unexpected character '$'");
    expect(error.position).toBe(12);
    expect(error.offset).toBe(11);
  });

  it('limits nesting so hostile input cannot exhaust the stack', () => {
    expect(parseFormula(`${'('.repeat(100)}1${')'.repeat(100)}`).evaluate({})).toEqual({
      status: 'value',
      value: 1,
    });
    expect(syntaxError(`${'('.repeat(101)}1${')'.repeat(101)}`).detail).toBe(
      'nesting deeper than 100 levels',
    );
    expect(syntaxError(`${'-'.repeat(101)}1`).detail).toBe('nesting deeper than 100 levels');
    expect(syntaxError('1+'.repeat(6000) + '1').detail).toBe('formula longer than 10000 characters');
  });
});

describe('tokenizeFormula', () => {
  it('returns tokens with 0-based offsets and an end token', () => {
    expect(tokenizeFormula('#{x}*2')).toEqual([
      { type: 'element', id: 'x', offset: 0 },
      { type: 'operator', value: '*', offset: 4 },
      { type: 'number', value: 2, text: '2', offset: 5 },
      { type: 'end', offset: 6 },
    ]);
  });
});

describe('formatFormula', () => {
  it.each([
    ['100*#{a}/#{b}', '100 * #{a} / #{b}'],
    ['(1 + 2) * 3', '(1 + 2) * 3'],
    ['1 - (2 - 3)', '1 - (2 - 3)'],
    ['1 - (2 + 3)', '1 - (2 + 3)'],
    ['(1 - 2) - 3', '1 - 2 - 3'],
    ['8 / (4 / 2)', '8 / (4 / 2)'],
    ['-(1 + 2)', '-(1 + 2)'],
    ['((#{a}))', '#{a}'],
  ])('formats %s as %s, and the output parses to the same value', (source, expected) => {
    const formula = parseFormula(source);
    expect(formatFormula(formula.ast)).toBe(expected);
    expect(evaluateFormula(parseFormula(expected).ast, { a: 7 })).toEqual(formula.evaluate({ a: 7 }));
  });
});
