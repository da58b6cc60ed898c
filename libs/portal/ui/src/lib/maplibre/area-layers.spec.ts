import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { addAreaLayers, bindAreaPointer } from './area-layers.ts';

/** The parts of a MapLibre map that the helpers use, recording sources, layers and handlers. */
function fakeMap() {
  const sources: [string, unknown][] = [];
  const layers: unknown[] = [];
  const handlers = new Map<string, (event?: unknown) => void>();
  const canvas = { style: { cursor: '' } };
  const map = {
    sources,
    layers,
    canvas,
    fire: (event: string, layer: string, payload?: unknown) => handlers.get(`${event} ${layer}`)?.(payload),
    addSource: (id: string, source: unknown) => sources.push([id, source]),
    addLayer: (layer: unknown) => layers.push(layer),
    getCanvas: () => canvas,
    on: (event: string, layer: string[], handler: (event?: unknown) => void) => {
      for (const id of layer) handlers.set(`${event} ${id}`, handler);
    },
  };
  return { fake: map, map: map as unknown as MapLibreMap };
}

const event = (id: string) => ({ features: [{ properties: { id } }] }) as unknown as MapLayerMouseEvent;

describe('addAreaLayers', () => {
  it('adds an empty GeoJSON source and every layer on it, bottom first', () => {
    const { fake, map } = fakeMap();
    addAreaLayers(map, 'cells', [
      { id: 'cells-fill', type: 'fill', paint: { 'fill-color': '#fff' } },
      { id: 'cells-outline', type: 'line', filter: ['==', ['get', 'id'], ''], paint: {} },
    ]);
    assert.deepEqual(fake.sources, [
      ['cells', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }],
    ]);
    assert.deepEqual(fake.layers, [
      { id: 'cells-fill', type: 'fill', paint: { 'fill-color': '#fff' }, source: 'cells' },
      { id: 'cells-outline', type: 'line', filter: ['==', ['get', 'id'], ''], paint: {}, source: 'cells' },
    ]);
  });

  it('promotes the named property to the features’ id when asked (feature-state needs one)', () => {
    const { fake, map } = fakeMap();
    addAreaLayers(map, 'areas', [], 'id');
    assert.deepEqual(fake.sources[0]?.[1], {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
    });
  });
});

describe('bindAreaPointer', () => {
  it('shows a hand over an area, the default cursor after leaving, and passes clicks on', () => {
    const { fake, map } = fakeMap();
    const seen: string[] = [];
    bindAreaPointer(map, ['a', 'b'], {
      hover: (e) => void seen.push(`hover ${e.features?.[0]?.properties['id']}`),
      leave: () => void seen.push('leave'),
      click: (e) => void seen.push(`click ${e.features?.[0]?.properties['id']}`),
    });
    fake.fire('mousemove', 'b', event('x'));
    assert.equal(fake.canvas.style.cursor, 'pointer');
    fake.fire('click', 'a', event('y'));
    fake.fire('mouseleave', 'b');
    assert.equal(fake.canvas.style.cursor, '');
    assert.deepEqual(seen, ['hover x', 'click y', 'leave']);
  });

  it('leaves the cursor as it is where the hover declines the feature', () => {
    const { fake, map } = fakeMap();
    bindAreaPointer(map, 'fill', { hover: () => false, leave: () => undefined });
    fake.fire('mousemove', 'fill', event('x'));
    assert.equal(fake.canvas.style.cursor, '');
    // No click handler given: a click is not bound.
    fake.fire('click', 'fill', event('x'));
  });
});
