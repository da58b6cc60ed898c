import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fixedDecimal,
  formatDecimal,
  formatFileSize,
  formatPercent,
  localeDecimal,
} from './number-format.ts';

describe('localeDecimal', () => {
  it('formats as toLocaleString does, per locale and digits', () => {
    for (const value of [0, 1234.5678, -0.125, 1e21, 12.5, 3])
      for (const locale of ['de-DE', 'en-GB', 'de'])
        for (const digits of [0, 1, 2])
          assert.equal(
            localeDecimal(value, locale, digits),
            value.toLocaleString(locale, { maximumFractionDigits: digits }),
          );
    assert.equal(localeDecimal(1234.5678, 'de-DE', 2), '1.234,57');
    assert.equal(localeDecimal(1234.5678, 'en-GB', 1), '1,234.6');
  });
});

describe('fixedDecimal', () => {
  it('formats as toLocaleString does with exactly that many decimals', () => {
    for (const value of [0, 1234.5678, -0.125, 1e21, 12.5, 3])
      for (const locale of ['de-DE', 'en-GB', 'de'])
        for (const digits of [0, 1, 2, 3])
          assert.equal(
            fixedDecimal(value, locale, digits),
            value.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
          );
    assert.equal(fixedDecimal(0.5, 'en-GB', 2), '0.50');
    assert.equal(fixedDecimal(12.5, 'de-DE', 1), '12,5');
  });

  it('keeps its formatters apart from localeDecimal’s for the same locale and digits', () => {
    assert.equal(localeDecimal(0.5, 'en-GB', 2), '0.5');
    assert.equal(fixedDecimal(0.5, 'en-GB', 2), '0.50');
    assert.equal(localeDecimal(0.5, 'en-GB', 2), '0.5');
  });
});

describe('formatDecimal', () => {
  it('writes at most or, when fixed, exactly the decimals; a dash where there is no number', () => {
    assert.equal(formatDecimal(0.5, 'en-GB', 2), '0.5');
    assert.equal(formatDecimal(0.5, 'en-GB', 2, true), '0.50');
    assert.equal(formatDecimal(1234.5678, 'de-DE', 1), '1.234,6');
    for (const none of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      assert.equal(formatDecimal(none, 'de-DE', 2), '–');
  });
});

describe('formatPercent', () => {
  it('writes a share as a percentage per language and a dash without a number', () => {
    assert.equal(formatPercent(0.85, 'de-DE', 1), '85\u00a0%');
    assert.equal(formatPercent(-0.125, 'en-GB', 1), '-12.5%');
    assert.equal(formatPercent(0.12345, 'de-DE', 1), '12,3\u00a0%');
    assert.equal(formatPercent(null, 'de-DE', 1), '–');
    assert.equal(formatPercent(undefined, 'de-DE', 1), '–');
    assert.equal(formatPercent(Number.NaN, 'de-DE', 1), '–');
    assert.equal(formatPercent(Number.POSITIVE_INFINITY, 'de-DE', 1), '–');
  });

  it('keeps every decimal when fixed, and its formatters apart from the decimals’', () => {
    assert.equal(formatPercent(0.85, 'de-DE', 1, true), '85,0\u00a0%');
    assert.equal(formatPercent(0.5, 'en-GB', 2, true), '50.00%');
    assert.equal(formatPercent(0.636, 'de-DE', 0, true), '64\u00a0%');
    assert.equal(fixedDecimal(0.85, 'de-DE', 1), '0,9');
  });
});

describe('formatFileSize', () => {
  it('writes bytes and kilobytes whole, megabytes and more with one decimal, in the locale', () => {
    assert.equal(formatFileSize(512, 'de-DE'), '512 B');
    assert.equal(formatFileSize(245_600, 'de-DE'), '246 kB');
    assert.equal(formatFileSize(1_400_000, 'de-DE'), '1,4 MB');
    assert.equal(formatFileSize(1_400_000, 'en-GB'), '1.4 MB');
    assert.equal(formatFileSize(12_345_678, 'de-DE'), '12,3 MB');
    assert.equal(formatFileSize(99_500_000_000, 'en-GB'), '99.5 GB');
  });
});
