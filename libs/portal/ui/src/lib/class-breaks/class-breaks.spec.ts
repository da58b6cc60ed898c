import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classOf,
  classRangeLabel,
  classRanges,
  quantileBreaks,
  roundSignificant,
  spreadPalette,
} from './class-breaks.ts';

describe('roundSignificant', () => {
  it('keeps the given number of significant digits', () => {
    assert.equal(roundSignificant(22917.5, 2), 23000);
    assert.equal(roundSignificant(384172, 2), 380000);
    assert.equal(roundSignificant(149, 2), 150);
    assert.equal(roundSignificant(7, 2), 7);
    assert.equal(roundSignificant(0, 2), 0);
    assert.equal(roundSignificant(12.345, 3), 12.3);
  });

  it('leaves no binary noise behind (0.3, not 0.30000000000000004)', () => {
    assert.equal(roundSignificant(0.2999, 2), 0.3);
  });
});

describe('quantileBreaks', () => {
  it('splits ten values into five classes of two', () => {
    const values = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000];
    const breaks = quantileBreaks(values, 5, 2);
    assert.deepEqual(breaks, [3000, 5000, 7000, 9000]);
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[classOf(v, breaks)]++;
    assert.deepEqual(counts, [2, 2, 2, 2, 2]);
  });

  it('cuts five classes with three significant digits by default', () => {
    const breaks = quantileBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null]);
    assert.deepEqual(breaks, [3, 5, 7, 9]);
    assert.equal(classOf(2.9, breaks), 0);
    assert.equal(classOf(3, breaks), 1);
    assert.equal(classOf(10, breaks), 4);
    assert.deepEqual(quantileBreaks([10.004, 20.006, 30.009, 40.001, 50.002]), [20, 30, 40, 50]);
  });

  it('ignores missing values and is independent of input order', () => {
    assert.deepEqual(
      quantileBreaks([10000, null, 2000, undefined, 8000, 4000, 6000, Number.NaN], 5, 2),
      [4000, 6000, 8000, 10000],
    );
  });

  it('collapses repeated breaks when many areas share a value', () => {
    assert.deepEqual(quantileBreaks([100, 100, 100, 100, 100, 100, 100, 200], 5, 2), [200]);
  });

  it('returns no breaks when there is nothing to classify', () => {
    assert.deepEqual(quantileBreaks([]), []);
    assert.deepEqual(quantileBreaks([5000]), []);
    assert.deepEqual(quantileBreaks([5, 5, 5]), []);
  });

  it('rejects a class count below two', () => {
    assert.throws(() => quantileBreaks([1, 2, 3], 1), RangeError);
    assert.throws(() => quantileBreaks([1, 2, 3], 2.5), RangeError);
  });
});

describe('classOf', () => {
  it('counts the breaks at or below the value', () => {
    const breaks = [10, 20, 30];
    assert.equal(classOf(0, breaks), 0);
    assert.equal(classOf(9.99, breaks), 0);
    assert.equal(classOf(10, breaks), 1);
    assert.equal(classOf(29, breaks), 2);
    assert.equal(classOf(1e9, breaks), 3);
  });
});

describe('classRanges and classRangeLabel', () => {
  const format = (n: number) => n.toLocaleString('de-DE');

  it('divides the values at the breaks into one class more than there are breaks', () => {
    assert.deepEqual(classRanges([100, 2500]), [
      { from: null, to: 100 },
      { from: 100, to: 2500 },
      { from: 2500, to: null },
    ]);
    assert.deepEqual(classRanges([]), [{ from: null, to: null }]);
  });

  it('writes the lowest class as below, the highest as from, the others as from – below', () => {
    assert.deepEqual(
      classRanges([100, 2500]).map((range) => classRangeLabel(range, format)),
      ['< 100', '100 – < 2.500', '≥ 2.500'],
    );
    assert.equal(classRangeLabel({ from: null, to: null }, format), '');
  });
});

describe('spreadPalette', () => {
  const palette = ['a', 'b', 'c', 'd', 'e'];

  it('spreads fewer classes over the whole ramp, one class in its middle', () => {
    assert.deepEqual(spreadPalette(palette, 2), ['a', 'e']);
    assert.deepEqual(spreadPalette(palette, 3), ['a', 'c', 'e']);
    assert.deepEqual(spreadPalette(palette, 4), ['a', 'b', 'd', 'e']);
    assert.deepEqual(spreadPalette(palette, 1), ['c']);
  });

  it('gives at most the palette itself', () => {
    assert.deepEqual(spreadPalette(palette, 5), palette);
    assert.deepEqual(spreadPalette(palette, 8), palette);
  });
});
