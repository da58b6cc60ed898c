import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AreaLevel } from './openapi/registry-client';
import { finestLevelOf, levelName } from './levels.ts';

const level = (key: string, rank: number): AreaLevel => ({ key, rank, name: key.toUpperCase() });

describe('finestLevelOf', () => {
  it('is the level of the highest rank, in whatever order the levels come', () => {
    assert.equal(
      finestLevelOf([level('bezirk', 0), level('planungsraum', 3), level('prognoseraum', 1)]),
      'planungsraum',
    );
  });

  it('is null while no levels are known', () => {
    assert.equal(finestLevelOf([]), null);
  });
});

describe('levelName', () => {
  it("is a level's name, or the key of a level not among them", () => {
    assert.equal(levelName([level('bezirk', 0)], 'bezirk'), 'BEZIRK');
    assert.equal(levelName([level('bezirk', 0)], 'ortsteil'), 'ortsteil');
  });
});
