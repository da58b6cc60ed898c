import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NO_DATA_COLOR,
  POPULATION_PALETTE,
  legendEntries,
  paletteFor,
  populationColorExpression,
} from './choropleth.ts';

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
