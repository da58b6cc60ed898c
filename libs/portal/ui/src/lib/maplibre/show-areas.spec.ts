import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { showAreas } from './show-areas.ts';

/** The parts of a MapLibre map that showAreas uses, recording what it was asked to do. */
function fakeMap(drawn: number) {
  const calls: unknown[][] = [];
  const listeners = new Map<string, Set<(event?: unknown) => void>>();
  const map = {
    calls,
    emit: (event: string, payload?: unknown) => listeners.get(event)?.forEach((l) => l(payload)),
    getSource: (id: string) => ({ setData: (data: unknown) => calls.push(['setData', id, data]) }),
    getContainer: () => ({ clientWidth: 400, clientHeight: 300 }),
    fitBounds: (bounds: unknown, options: unknown) => calls.push(['fitBounds', bounds, options]),
    isSourceLoaded: () => true,
    queryRenderedFeatures: ({ layers }: { layers: string[] }) => {
      calls.push(['count', layers]);
      return { length: drawn };
    },
    on: (event: string, listener: (event?: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener);
    },
    off: (event: string, listener: (event?: unknown) => void) => listeners.get(event)?.delete(listener),
  };
  return map;
}

const square = (x: number, y: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y],
    ],
  ],
});

describe('showAreas', () => {
  const data = {
    type: 'FeatureCollection' as const,
    features: [{ geometry: square(13, 52) }, { geometry: square(14, 53) }, { geometry: null }],
  };

  it('replaces the source data, fits the view to all areas and reports the count once drawn', () => {
    const map = fakeMap(2);
    const reported: (number | null)[] = [];
    showAreas(map as unknown as MapLibreMap, {
      source: 'areas',
      fill: 'areas-fill',
      data,
      padding: 24,
      rendered: (count) => reported.push(count),
    });
    assert.deepEqual(reported, [null]);
    assert.deepEqual(map.calls, [
      ['setData', 'areas', data],
      ['fitBounds', [13, 52, 15, 54], { padding: 24, animate: false }],
    ]);
    map.emit('idle');
    assert.deepEqual(reported, [null, 2]);
    assert.deepEqual(map.calls.at(-1), ['count', ['areas-fill']]);
  });

  it('fits the view to the areas in focus when it is given them', () => {
    const map = fakeMap(0);
    showAreas(map as unknown as MapLibreMap, {
      source: 'areas',
      fill: 'areas-fill',
      data,
      fitTo: [square(14, 53)],
      padding: 10,
      rendered: () => undefined,
    });
    assert.deepEqual(map.calls[1], ['fitBounds', [14, 53, 15, 54], { padding: 10, animate: false }]);
  });
});
