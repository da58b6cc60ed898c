import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localeDecimal } from './number-format.ts';

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
