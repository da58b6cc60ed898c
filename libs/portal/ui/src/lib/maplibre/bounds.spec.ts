import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { geometryBounds } from './bounds.ts';

describe('geometryBounds', () => {
  const square = (x: number, y: number) => [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y],
    ],
  ];

  it('spans polygons and multipolygons alike', () => {
    assert.deepEqual(
      geometryBounds([
        { type: 'Polygon', coordinates: square(13, 52) },
        { type: 'MultiPolygon', coordinates: [square(12.5, 52.2), square(14, 51.9)] },
      ]),
      [12.5, 51.9, 15, 53.2],
    );
  });

  it('passes over missing geometries and coordinates that are not finite numbers', () => {
    assert.deepEqual(
      geometryBounds([
        null,
        undefined,
        {
          coordinates: [
            [
              [Number.NaN, 52],
              [13, Infinity],
              [13, 52],
              ['14', 53],
            ],
          ],
        },
      ]),
      [13, 52, 13, 52],
    );
  });

  it('is null without any coordinate', () => {
    assert.equal(geometryBounds([]), null);
    assert.equal(geometryBounds([null, { type: 'Polygon', coordinates: [] }]), null);
  });
});
