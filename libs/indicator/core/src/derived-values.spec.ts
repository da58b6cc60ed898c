import { deriveCell, formulaRatio } from './derived-values';
import { parseFormula } from './formula';
import type { StoredCell } from './hierarchy-values';

const ratioOf = (source: string) => formulaRatio(parseFormula(source).ast);
const v = (value: number): StoredCell => ({ status: 'value', value, numerator: null, denominator: null });

describe('formulaRatio', () => {
  it.each([
    ['#{a} / #{b}', 1],
    ['100 * #{a} / #{b}', 100],
    ['#{a} * 100 / #{b}', 100],
    ['#{a} / #{b} * 100', 100],
    ['100 * (#{a} / #{b})', 100],
    ['(#{a} / #{b}) * 10 * 10', 100],
    ['#{a} / #{b} / 10', 0.1],
    ['+#{a} / #{b}', 1],
  ])('%s is a ratio with scale %d', (source, scale) => {
    expect(ratioOf(source)).toEqual({ numerator: 'a', denominator: 'b', scale });
  });

  it.each([
    '#{a} + #{b}',
    '#{a} / (#{b} + #{c})',
    '(#{a} + #{c}) / #{b}',
    '#{a} * #{c} / #{b}',
    '100 / #{b}',
    '#{a} / 100',
    '#{a} / #{a}',
    '-100 * #{a} / #{b}',
    '0 * #{a} / #{b}',
    '#{a} / #{b} - 1',
  ])('%s is not a plain ratio', (source) => {
    expect(ratioOf(source)).toBeNull();
  });
});

describe('deriveCell', () => {
  const alq = parseFormula('100 * #{unemployed} / #{residents}');
  const ratio = formulaRatio(alq.ast);

  it('evaluates and keeps numerator and denominator of a ratio', () => {
    expect(
      deriveCell(
        alq,
        new Map([
          ['unemployed', v(30)],
          ['residents', v(600)],
        ]),
        ratio,
      ),
    ).toEqual({ status: 'value', value: 5, numerator: 30, denominator: 600, reason: null });
  });

  it('keeps no parts without a ratio', () => {
    const sum = parseFormula('#{a} + 2 * #{b}');
    expect(
      deriveCell(
        sum,
        new Map([
          ['a', v(1)],
          ['b', v(0)],
        ]),
        null,
      ),
    ).toEqual({ status: 'value', value: 1, numerator: null, denominator: null, reason: null });
  });

  it('is missing, not 0, when an input is missing or suppressed', () => {
    const suppressed: StoredCell = { status: 'suppressed', value: null, numerator: null, denominator: null };
    expect(deriveCell(alq, new Map([['residents', v(600)]]), ratio)).toEqual({
      status: 'missing',
      value: null,
      numerator: null,
      denominator: null,
      reason: 'input-unavailable(unemployed:missing)',
    });
    expect(
      deriveCell(
        alq,
        new Map([
          ['unemployed', suppressed],
          ['residents', { status: 'missing', value: null, numerator: null, denominator: null }],
        ]),
        ratio,
      ).reason,
    ).toBe('input-unavailable(unemployed:suppressed,residents:missing)');
  });

  it('is missing on division by zero', () => {
    const cell = deriveCell(
      alq,
      new Map([
        ['unemployed', v(0)],
        ['residents', v(0)],
      ]),
      ratio,
    );
    expect(cell).toMatchObject({ status: 'missing', value: null, reason: 'division-by-zero' });
  });
});
