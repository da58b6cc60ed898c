import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUDGET_YEARS, MAX_CENTS } from '@quartier/contracts/browser';
import { budgetAxes, budgetYear, eurosInput, formatEuros, parseEuros, totals } from './money.ts';

describe('programme money', () => {
  it('formats cents as euros per language', () => {
    assert.equal(formatEuros(123456, 'de-DE'), '1.234,56\u00a0€');
    assert.equal(formatEuros(123456, 'en-GB'), '€1,234.56');
    assert.equal(formatEuros(0, 'de-DE'), '0,00\u00a0€');
    assert.equal(formatEuros(null, 'de-DE'), '–');
    assert.equal(formatEuros(Number.NaN, 'en-GB'), '–');
  });

  it('reads what a person typed in either notation', () => {
    assert.equal(parseEuros('1.234,56'), 123456);
    assert.equal(parseEuros('1,234.56'), 123456);
    assert.equal(parseEuros('1234,5'), 123450);
    assert.equal(parseEuros('250000'), 25000000);
    assert.equal(parseEuros('250.000'), 25000000);
    assert.equal(parseEuros(' 60 000 € '), 6000000);
    assert.equal(parseEuros('0'), 0);
  });

  it('refuses what is not an amount', () => {
    assert.equal(parseEuros(''), null);
    assert.equal(parseEuros('-5'), null);
    assert.equal(parseEuros('zehn'), null);
    assert.equal(parseEuros('1,2,3.4.5x'), null);
    assert.equal(parseEuros('99999999999999999999'), null);
  });

  it('refuses an amount above what the programme service takes, and takes its largest', () => {
    assert.equal(parseEuros('100.000.000.000'), MAX_CENTS);
    assert.equal(parseEuros('100.000.000.000,01'), null);
    assert.equal(parseEuros('999999999999'), null);
  });

  it('takes the years the programme service takes: whole, 1990 to 2100', () => {
    assert.deepEqual([BUDGET_YEARS.min, BUDGET_YEARS.max], [1990, 2100]);
    for (const year of [1990, 2025, 2100, '2026']) assert.equal(budgetYear(year), Number(year));
    for (const year of [1989, 2101, 2025.5, null, '', 'zwanzig'])
      assert.equal(budgetYear(year), null, String(year));
  });

  it('writes editable amounts in the language’s decimal notation', () => {
    assert.equal(eurosInput(123456, 'de-DE'), '1234,56');
    assert.equal(eurosInput(5, 'en-GB'), '0.05');
    assert.equal(parseEuros(eurosInput(987654321, 'de-DE')), 987654321);
  });

  it('orders years and lines of the budget table, programme lines first', () => {
    const cells = [
      { year: 2026, line: 'baufonds' },
      { year: 2025, line: 'projektfonds' },
      { year: 2025, line: 'sonder' },
    ];
    assert.deepEqual(budgetAxes(cells, ['projektfonds', 'aktionsfonds', 'baufonds']), {
      years: [2025, 2026],
      lines: ['projektfonds', 'baufonds', 'sonder'],
    });
  });

  it('totals numeric columns', () => {
    assert.deepEqual(
      totals(
        [
          { planned: 10, spent: 1 },
          { planned: 5, spent: 2 },
        ],
        ['planned', 'spent'],
      ),
      { planned: 15, spent: 3 },
    );
  });
});
