import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contrast, relativeLuminance, rgbChannels } from './colours.ts';

describe('colour measures', () => {
  it('reads the channels of a #rrggbb colour', () => {
    assert.deepEqual(rgbChannels('#1f5fa8'), [0x1f, 0x5f, 0xa8]);
  });

  it('computes the WCAG luminance of black, white and a mid grey', () => {
    assert.equal(relativeLuminance('#000000'), 0);
    assert.equal(relativeLuminance('#ffffff'), 1);
    assert.ok(Math.abs(relativeLuminance('#777777') - 0.1845) < 1e-3);
  });

  it('gives black on white the contrast 21, either way round, and a colour on itself 1', () => {
    assert.equal(Math.round(contrast('#000000', '#ffffff')), 21);
    assert.equal(contrast('#ffffff', '#000000'), contrast('#000000', '#ffffff'));
    assert.equal(contrast('#b3261e', '#b3261e'), 1);
    assert.ok(Math.abs(contrast('#767676', '#ffffff') - 4.54) < 0.01, 'the WCAG AA grey');
  });
});
