import {
  BERLIN_MSS_COMBINED_SCHEME,
  combineClasses,
  combinedClassCatalogue,
  combinedClassCode,
} from './combined-class';

describe('combineClasses', () => {
  it.each([
    ['1', '+', '1+', 11],
    ['2', '+/-', '2+/-', 23],
    ['2', '-', '2-', 25],
    ['4', '-', '4-', 45],
  ])('Berlin: status %s × dynamics %s = %s (%i)', (status, dynamics, code, numeric) => {
    expect(combineClasses(status, dynamics)).toEqual({ code, numeric });
  });

  it('lists the 12 Berlin groups in numeric order', () => {
    expect(combinedClassCatalogue().map((c) => c.numeric)).toEqual([
      11, 13, 15, 21, 23, 25, 31, 33, 35, 41, 43, 45,
    ]);
    expect(combinedClassCatalogue(BERLIN_MSS_COMBINED_SCHEME)[0]).toEqual({ code: '1+', numeric: 11 });
  });

  it('writes a combined code as the two codes one after the other, known to a scheme or not', () => {
    expect(combinedClassCode('1', '+')).toBe(combineClasses('1', '+').code);
    expect(combinedClassCode('hoch', 'stabil')).toBe('hochstabil');
  });

  it('supports other schemes and rejects unknown codes', () => {
    const scheme = { first: { A: 1, B: 2 }, second: { up: 0, down: 1 }, factor: 2 };
    expect(combineClasses('B', 'down', scheme)).toEqual({ code: 'Bdown', numeric: 5 });
    expect(() => combineClasses('5', '+')).toThrow('unknown first class code "5" (known: 1, 2, 3, 4)');
    expect(() => combineClasses('1', '0')).toThrow('unknown second class code "0" (known: +, +/-, -)');
  });
});
