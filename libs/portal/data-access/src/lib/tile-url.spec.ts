import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absoluteTileUrl } from './tile-url.ts';

describe('absoluteTileUrl', () => {
  it('keeps the {z}/{x}/{y} placeholders MapLibre substitutes', () => {
    assert.equal(
      absoluteTileUrl('/api/registry/tiles/planungsraum/{z}/{x}/{y}.pbf', 'http://localhost:3000/indicators'),
      'http://localhost:3000/api/registry/tiles/planungsraum/{z}/{x}/{y}.pbf',
    );
  });

  it('resolves against an API on another origin and keeps an encoded level key', () => {
    assert.equal(
      absoluteTileUrl(
        'https://api.example/api/registry/tiles/ebene%202/{z}/{x}/{y}.pbf',
        'http://portal.example/',
      ),
      'https://api.example/api/registry/tiles/ebene%202/{z}/{x}/{y}.pbf',
    );
  });
});
