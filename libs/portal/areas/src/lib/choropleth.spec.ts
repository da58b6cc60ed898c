import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NO_DATA_COLOR,
  POPULATION_PALETTE,
  classOf,
  legendEntries,
  paletteFor,
  populationColorExpression,
  quantileBreaks,
  roundSignificant,
} from './choropleth.ts';

describe('roundSignificant', () => {
  it('keeps two significant digits', () => {
    assert.equal(roundSignificant(22917.5), 23000);
    assert.equal(roundSignificant(384172), 380000);
    assert.equal(roundSignificant(149), 150);
    assert.equal(roundSignificant(7), 7);
    assert.equal(roundSignificant(0), 0);
  });
});

describe('quantileBreaks', () => {
  it('splits ten values into five classes of two', () => {
    const values = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000];
    const breaks = quantileBreaks(values);
    assert.deepEqual(breaks, [3000, 5000, 7000, 9000]);
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[classOf(v, breaks)]++;
    assert.deepEqual(counts, [2, 2, 2, 2, 2]);
  });

  it('ignores missing populations and is independent of input order', () => {
    assert.deepEqual(
      quantileBreaks([10000, null, 2000, undefined, 8000, 4000, 6000]),
      [4000, 6000, 8000, 10000],
    );
  });

  it('collapses repeated breaks when many areas share a value', () => {
    assert.deepEqual(quantileBreaks([100, 100, 100, 100, 100, 100, 100, 200]), [200]);
  });

  it('returns no breaks when there is nothing to classify', () => {
    assert.deepEqual(quantileBreaks([]), []);
    assert.deepEqual(quantileBreaks([5000]), []);
    assert.deepEqual(quantileBreaks([5000, 5000, 5000]), []);
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

describe('palette and legend', () => {
  it('spreads fewer classes over the whole ramp', () => {
    assert.deepEqual(paletteFor(2), [POPULATION_PALETTE[0], POPULATION_PALETTE[4]]);
    assert.deepEqual(paletteFor(3), [POPULATION_PALETTE[0], POPULATION_PALETTE[2], POPULATION_PALETTE[4]]);
    assert.deepEqual(paletteFor(5), [...POPULATION_PALETTE]);
    assert.deepEqual(paletteFor(1), [POPULATION_PALETTE[2]]);
  });

  it('describes each class with its bounds', () => {
    assert.deepEqual(legendEntries([100, 200]), [
      { color: POPULATION_PALETTE[0], from: null, to: 100 },
      { color: POPULATION_PALETTE[2], from: 100, to: 200 },
      { color: POPULATION_PALETTE[4], from: 200, to: null },
    ]);
  });
});

describe('populationColorExpression', () => {
  it('is a step over population with grey for missing values', () => {
    assert.deepEqual(populationColorExpression([100, 200]), [
      'case',
      ['==', ['typeof', ['get', 'population']], 'number'],
      [
        'step',
        ['get', 'population'],
        POPULATION_PALETTE[0],
        100,
        POPULATION_PALETTE[2],
        200,
        POPULATION_PALETTE[4],
      ],
      NO_DATA_COLOR,
    ]);
  });

  it('uses a single colour when there are no breaks', () => {
    assert.deepEqual(populationColorExpression([]), [
      'case',
      ['==', ['typeof', ['get', 'population']], 'number'],
      ['literal', POPULATION_PALETTE[2]],
      NO_DATA_COLOR,
    ]);
  });
});
