import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AreaFeature, AreaFeatureCollection } from '@quartier/portal-data-access';
import { collectionBounds, featureBounds, squareKilometres } from './geometry.ts';

const feature = (id: string, geometry: AreaFeature['geometry']): AreaFeature => ({
  type: 'Feature',
  id,
  geometry,
  properties: { id, code: id, name: id, level: 'bezirk', population: null, editable: false },
});

describe('collectionBounds', () => {
  it('spans polygons and multipolygons alike', () => {
    const collection: AreaFeatureCollection = {
      type: 'FeatureCollection',
      features: [
        feature('a', {
          type: 'Polygon',
          coordinates: [
            [
              [13.1, 52.4],
              [13.2, 52.4],
              [13.2, 52.5],
              [13.1, 52.4],
            ],
          ],
        }),
        feature('b', {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [13.5, 52.3],
                [13.7, 52.6],
                [13.6, 52.3],
                [13.5, 52.3],
              ],
            ],
            [
              [
                [13.0, 52.45],
                [13.05, 52.45],
                [13.0, 52.5],
                [13.0, 52.45],
              ],
            ],
          ],
        }),
      ],
    };
    assert.deepEqual(collectionBounds(collection), [13.0, 52.3, 13.7, 52.6]);
  });

  it('is null without any coordinates', () => {
    assert.equal(collectionBounds({ type: 'FeatureCollection', features: [] }), null);
    assert.equal(
      collectionBounds({
        type: 'FeatureCollection',
        features: [feature('x', { type: 'Polygon', coordinates: [] })],
      }),
      null,
    );
  });
});

describe('featureBounds', () => {
  it('spans the one area the map zooms to, and is null for an area the level does not show', () => {
    const square = (x: number): AreaFeature['geometry'] => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 52],
          [x + 1, 52],
          [x + 1, 53],
          [x, 52],
        ],
      ],
    });
    const collection: AreaFeatureCollection = {
      type: 'FeatureCollection',
      features: [feature('a', square(13)), feature('b', square(20))],
    };
    assert.deepEqual(featureBounds(collection, 'b'), [20, 52, 21, 53]);
    assert.equal(featureBounds(collection, 'c'), null);
  });
});

describe('squareKilometres', () => {
  it('rounds to one decimal', () => {
    assert.equal(squareKilometres(39_470_000), 39.5);
    assert.equal(squareKilometres(891_120_000), 891.1);
    assert.equal(squareKilometres(0), 0);
  });
});
