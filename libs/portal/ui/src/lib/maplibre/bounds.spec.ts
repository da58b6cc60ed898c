import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitWhenSized, geometryBounds } from './bounds.ts';

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

describe('fitWhenSized', () => {
  type Listener = (event: { originalEvent?: unknown }) => void;
  const fakeMap = (width: number, height: number) => {
    const listeners = { resize: new Set<Listener>(), movestart: new Set<Listener>() };
    const fits: unknown[] = [];
    const container = { clientWidth: width, clientHeight: height };
    return {
      fits,
      listeners,
      resize(w: number, h: number) {
        container.clientWidth = w;
        container.clientHeight = h;
        for (const listener of [...listeners.resize]) listener({});
      },
      userMoves() {
        for (const listener of [...listeners.movestart]) listener({ originalEvent: {} });
      },
      getContainer: () => container,
      fitBounds: (bounds: unknown) => fits.push(bounds),
      on: (event: 'resize' | 'movestart', listener: Listener) => listeners[event].add(listener),
      off: (event: 'resize' | 'movestart', listener: Listener) => listeners[event].delete(listener),
    };
  };
  const berlin: [number, number, number, number] = [13.1, 52.3, 13.8, 52.7];
  const mitte: [number, number, number, number] = [13.3, 52.5, 13.4, 52.55];

  it('fits at once when the container has room', () => {
    const map = fakeMap(800, 500);
    fitWhenSized(map, berlin, 24);
    assert.deepEqual(map.fits, [berlin]);
  });

  it('waits for room when the container is not laid out yet, and fits again as the layout settles', () => {
    const map = fakeMap(0, 0);
    fitWhenSized(map, berlin, 24);
    assert.deepEqual(map.fits, []);
    map.resize(40, 40); // still no room for 24 px of padding on each side
    assert.deepEqual(map.fits, []);
    map.resize(300, 60);
    map.resize(800, 500);
    assert.deepEqual(map.fits, [berlin, berlin]);
  });

  it('stops fitting once the user moves the map', () => {
    const map = fakeMap(800, 500);
    fitWhenSized(map, berlin, 24);
    map.userMoves();
    map.resize(900, 600);
    assert.deepEqual(map.fits, [berlin]);
    assert.equal(map.listeners.resize.size + map.listeners.movestart.size, 0);
  });

  it('lets a newer fit replace the kept one', () => {
    const map = fakeMap(0, 0);
    fitWhenSized(map, berlin, 24);
    fitWhenSized(map, mitte, 24);
    map.resize(800, 500);
    assert.deepEqual(map.fits, [mitte]);
    assert.equal(map.listeners.resize.size, 1);
  });
});
