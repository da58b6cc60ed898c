import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { labelPoint } from './label-point';

describe('labelPoint', () => {
  it('puts the point in the middle of a square', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [13, 52],
          [14, 52],
          [14, 53],
          [13, 53],
          [13, 52],
        ],
      ],
    };
    expect(labelPoint(square)).toEqual({ lon: 13.5, lat: 52.5 });
  });

  it('keeps the point inside a U-shaped area whose centroid lies outside', () => {
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 3],
          [2, 3],
          [2, 1],
          [1, 1],
          [1, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const point = labelPoint(u)!;
    expect(booleanPointInPolygon([point.lon, point.lat], u)).toBe(true);
  });

  it('avoids a hole and chooses the largest polygon of a multipolygon', () => {
    const withHole: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [10, 10],
            [10.1, 10],
            [10.1, 10.1],
            [10, 10.1],
            [10, 10],
          ],
        ],
        [
          [
            [0, 0],
            [4, 0],
            [4, 4],
            [0, 4],
            [0, 0],
          ],
          [
            [1, 1],
            [3, 1],
            [3, 3],
            [1, 3],
            [1, 1],
          ],
        ],
      ],
    };
    const point = labelPoint(withHole)!;
    expect(point.lon).toBeLessThan(4);
    expect(booleanPointInPolygon([point.lon, point.lat], withHole)).toBe(true);
  });

  it('answers null without a polygon', () => {
    expect(labelPoint(null)).toBeNull();
    expect(labelPoint({ type: 'Point', coordinates: [1, 2] })).toBeNull();
  });
});
