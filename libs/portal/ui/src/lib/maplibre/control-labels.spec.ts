import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelMapControls } from './control-labels.ts';

/** A map container with MapLibre's buttons, recording the attributes set on each. */
const container = (selectors: readonly string[]) => {
  const attributes = new Map(selectors.map((selector) => [selector, {} as Record<string, string>]));
  return {
    attributes,
    querySelector: (selector: string) => {
      const set = attributes.get(selector);
      return set ? { setAttribute: (name: string, value: string) => void (set[name] = value) } : null;
    },
  };
};

describe('labelMapControls', () => {
  it('names the zoom and attribution buttons in the reader’s language', () => {
    const map = container([
      '.maplibregl-ctrl-zoom-in',
      '.maplibregl-ctrl-zoom-out',
      '.maplibregl-ctrl-attrib-button',
    ]);
    labelMapControls(map, 'en');
    assert.deepEqual(Object.fromEntries(map.attributes), {
      '.maplibregl-ctrl-zoom-in': { title: 'Zoom in', 'aria-label': 'Zoom in' },
      '.maplibregl-ctrl-zoom-out': { title: 'Zoom out', 'aria-label': 'Zoom out' },
      '.maplibregl-ctrl-attrib-button': {
        title: 'Show or hide the data sources',
        'aria-label': 'Show or hide the data sources',
      },
    });
    labelMapControls(map, 'de');
    assert.deepEqual(map.attributes.get('.maplibregl-ctrl-attrib-button'), {
      title: 'Datenquellen ein- oder ausblenden',
      'aria-label': 'Datenquellen ein- oder ausblenden',
    });
    assert.equal(map.attributes.get('.maplibregl-ctrl-zoom-in')?.['title'], 'Karte vergrößern');
  });

  it('skips a button the map does not have', () => {
    const map = container(['.maplibregl-ctrl-zoom-in']);
    labelMapControls(map, 'de');
    assert.deepEqual([...map.attributes.keys()], ['.maplibregl-ctrl-zoom-in']);
  });
});
