import { decimalEuros } from './decimal-euros';

describe('decimalEuros', () => {
  it('writes cents as euros with two places', () => {
    expect(decimalEuros(123405)).toBe('1234.05');
    expect(decimalEuros(800000)).toBe('8000.00');
    expect(decimalEuros(7)).toBe('0.07');
  });

  it('keeps the sign of an amount below one euro', () => {
    expect(decimalEuros(-50)).toBe('-0.50');
    expect(decimalEuros(-12345)).toBe('-123.45');
  });
});
