import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_VALUE, SUPPRESSED, cellKey, cellKeys, outlineColor, outlinePass } from './tile-style.ts';

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

  it('draws the outline pass from the zoom where outlines start to show, not before', () => {
    for (const areas of [448, 50_000]) {
      const tiles = { bounds: [13.0, 52.3, 13.8, 52.7] as [number, number, number, number], areas };
      const [step, zoom, below, from, above] = outlinePass(tiles);
      assert.deepEqual([step, zoom, below, above], ['step', ['zoom'], false, true]);
      assert.equal(from, outlineColor(tiles)[3]);
    }
  });
});
