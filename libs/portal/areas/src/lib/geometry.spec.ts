import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AreaFeature, AreaFeatureCollection } from '@quartier/portal-data-access';
import { findFeature, squareKilometres } from './geometry.ts';

const feature = (id: string, geometry: AreaFeature['geometry']): AreaFeature => ({
  type: 'Feature',
  id,
  geometry,
  properties: { id, code: id, name: id, level: 'bezirk', population: null, editable: false },
});

describe('findFeature', () => {
  it('finds the area the map zooms to by feature id or by its id property, none for an area the level does not show', () => {
    const empty: AreaFeature['geometry'] = { type: 'Polygon', coordinates: [] };
    const collection: AreaFeatureCollection = {
      type: 'FeatureCollection',
      features: [feature('a', empty), { ...feature('b', empty), id: 'feature-b' }],
    };
    assert.equal(findFeature(collection, 'a')?.properties.id, 'a');
    assert.equal(findFeature(collection, 'b')?.properties.id, 'b');
    assert.equal(findFeature(collection, 'feature-b')?.properties.id, 'b');
    assert.equal(findFeature(collection, 'c'), undefined);
  });
});

describe('squareKilometres', () => {
  it('rounds to one decimal', () => {
    assert.equal(squareKilometres(39_470_000), 39.5);
    assert.equal(squareKilometres(891_120_000), 891.1);
    assert.equal(squareKilometres(0), 0);
  });
});
