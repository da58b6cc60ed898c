import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_VALUE, SUPPRESSED, cellKey, cellKeys, outlineColor, rasterBelowZoom } from './tile-style.ts';

describe('tiled class map style', () => {
  it('keys a cell by its class, or by why it has none', () => {
    assert.equal(cellKey({ cls: 0, state: 'value' }), 0);
    assert.equal(cellKey({ cls: 4, state: 'value' }), 4);
    assert.equal(cellKey({ cls: null, state: 'suppressed' }), SUPPRESSED);
    assert.equal(cellKey({ cls: null, state: 'missing' }), NO_VALUE);
    assert.equal(cellKey({ cls: null, state: 'invalid' }), NO_VALUE);
    // A value without a class (no breaks yet) is drawn as having none, never as class 0.
    assert.equal(cellKey({ cls: null, state: 'value' }), NO_VALUE);
  });

  it('joins by area code, and only the codes given', () => {
    const keys = cellKeys(
      new Map([
        ['001', { cls: 2, state: 'value' as const }],
        ['002', { cls: null, state: 'suppressed' as const }],
      ]),
    );
    assert.deepEqual(keys, { '001': 2, '002': SUPPRESSED });
    assert.equal(Object.hasOwn(keys, '003'), false);
  });

  it('fades outlines in later, the more and smaller the areas', () => {
    const zooms = (areas: number) => {
      const [, , , from, transparent, full, opaque] = outlineColor({
        bounds: [13.0, 52.3, 13.8, 52.7],
        areas,
      });
      assert.match(String(transparent), /, 0\)$/);
      assert.match(String(opaque), /, 1\)$/);
      return [Number(from), Number(full)];
    };
    const [berlinFrom, berlinFull] = zooms(448);
    const [blocksFrom, blocksFull] = zooms(50_000);
    assert.ok(berlinFrom < berlinFull && blocksFrom < blocksFull);
    // 111 times the areas: each about a tenth as wide, so log2(√111) ≈ 3.4 zooms further in.
    assert.ok(Math.abs(blocksFrom - berlinFrom - Math.log2(Math.sqrt(50_000 / 448))) < 1e-9);
    // Berlin's planning areas (about 2 km across) are outlined in full from about zoom 9, where
    // the city fills a map of 600 px (24 px an area).
    assert.ok(berlinFull > 8.5 && berlinFull < 9.5, `full from zoom ${berlinFull}`);
  });

  it('never asks for a negative zoom or an empty fade, whatever the bounds', () => {
    const [, , , from, , full] = outlineColor({ bounds: [-180, -85, 180, 85], areas: 1 });
    assert.equal(from, 0);
    assert.ok(Number(full) >= 0.5);
    const [, , , degenerate] = outlineColor({ bounds: [13, 52, 13, 52], areas: 0 });
    assert.ok(Number.isFinite(Number(degenerate)));
  });

  it('hands over from the id raster to the vector tiles where outlines start to show', () => {
    for (const areas of [448, 50_000]) {
      const tiles = { bounds: [13.0, 52.3, 13.8, 52.7] as [number, number, number, number], areas };
      assert.equal(rasterBelowZoom(tiles), outlineColor(tiles)[3]);
    }
    // These bounds fill 800 px of height at zoom 9.7 (0.4° of latitude at 52.5° N): a full-city
    // view of 50,000 blocks is raster; Berlin's 448 planning areas are polygons at every zoom a
    // city map is shown at.
    const fit = Math.log2(800 / ((0.4 / Math.cos((52.5 * Math.PI) / 180)) * (512 / 360)));
    const blocks = rasterBelowZoom({ bounds: [13.0, 52.3, 13.8, 52.7], areas: 50_000 });
    assert.ok(fit > 9.6 && fit < 9.8 && blocks > fit + 0.5, `raster below zoom ${blocks}, view at ${fit}`);
    assert.ok(rasterBelowZoom({ bounds: [13.0, 52.3, 13.8, 52.7], areas: 448 }) < 8);
  });
});
