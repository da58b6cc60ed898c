import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildPalette as paletteOf,
  countDrawn,
  fittedViewTiles,
  idsOf,
  packRgba,
  paintTile,
  pixelAt,
  presentIds,
  rgbaOf,
} from './id-raster.ts';
import { type CellLike, cellStyle } from './tile-style.ts';

const COLORS = ['#fee5d9', '#fcae91', '#a50f15'];
const WHITE = rgbaOf('#ffffff');
const INK = packRgba(40, 40, 40);
const SELECTED = packRgba(0x13, 0x29, 0x4b);

/** The palette as the class map builds it: cells by code, styled by class. */
function buildPalette(
  codes: string[],
  cells: ReadonlyMap<string, CellLike>,
  colors: string[],
  selected: string | null = null,
) {
  return paletteOf(
    codes,
    (code) => {
      const cell = cells.get(code);
      return cell && cellStyle(cell, colors, '#ffffff');
    },
    selected,
  );
}

/** A tile of `size` × `size` pixels from rows of ids (ordinal + 1), one character per pixel. */
function tileOf(rows: string[]): Uint32Array {
  return Uint32Array.from(rows.join('').split(''), Number);
}

describe('id raster of the class map', () => {
  it('reads ids as 24-bit big-endian RGB, whatever the alpha', () => {
    const rgba = Uint8ClampedArray.from([0, 0, 0, 255, 0, 0, 1, 255, 1, 2, 3, 0, 255, 255, 255, 255]);
    assert.deepEqual([...idsOf(rgba)], [0, 1, 0x010203, 0xffffff]);
  });

  it('packs colours as ImageData reads them on little-endian machines (RGBA bytes)', () => {
    const word = rgbaOf('#a50f15');
    assert.deepEqual([...new Uint8Array(Uint32Array.of(word).buffer)], [0xa5, 0x0f, 0x15, 255]);
  });

  it('colours areas by class, suppressed and missing ones white with a pattern, others not at all', () => {
    const codes = ['A', 'B', 'C', 'D', 'E'];
    const palette = buildPalette(
      codes,
      new Map([
        ['A', { cls: 0, state: 'value' as const }],
        ['B', { cls: 2, state: 'value' as const }],
        ['C', { cls: null, state: 'suppressed' as const }],
        ['D', { cls: null, state: 'missing' as const }],
        // E: outside the caller's scope (no cell) — not drawn, as on the vector map.
      ]),
      COLORS,
      'B',
    );
    assert.deepEqual([...palette.colors], [0, rgbaOf(COLORS[0]), rgbaOf(COLORS[2]), WHITE, WHITE, 0]);
    assert.deepEqual([...palette.patterns], [0, 0, 0, 1, 2, 0]);
    assert.equal(palette.selected, 2);
    // A value without a class (no breaks yet) is never drawn as class 0.
    const unclassed = buildPalette(['A'], new Map([['A', { cls: null, state: 'value' as const }]]), COLORS);
    assert.deepEqual([...unclassed.patterns], [0, 2]);
    assert.equal(unclassed.selected, 0);
  });

  it('paints each pixel by its id, patterns on the world grid, nothing where no area is drawn', () => {
    const palette = buildPalette(
      ['A', 'B', 'C'],
      new Map([
        ['A', { cls: 1, state: 'value' as const }],
        ['B', { cls: null, state: 'suppressed' as const }],
      ]),
      COLORS,
    );
    const ids = tileOf(['1122', '1122', '0033', '0033']);
    const pixels = paintTile(ids, palette, 0, 0, 4);
    assert.equal(pixels[0], rgbaOf(COLORS[1]));
    assert.equal(pixels[8], 0, 'no area');
    assert.equal(pixels[10], 0, 'an area without a cell');
    // Hatch: (x + y) mod 8 < 2 — pixel (2,0) is white, the hatch starts at x + y = 8.
    assert.equal(pixels[2], WHITE);
    const shifted = paintTile(ids, palette, 6, 0, 4);
    assert.equal(shifted[2], INK, 'x = 8 in the world: on the hatch');
    assert.equal(shifted[3], INK);
    assert.equal(shifted[7], WHITE, 'x = 9, y = 1: off it');
  });

  it('draws the selected area with an edge inside its outline', () => {
    const rows = Array.from({ length: 8 }, () => '00000000').map((row, y) =>
      y >= 1 && y <= 6 ? `0${'111111'}0` : row,
    );
    const ids = tileOf(rows);
    const palette = buildPalette(['A'], new Map([['A', { cls: 0, state: 'value' as const }]]), COLORS, 'A');
    const pixels = paintTile(ids, palette, 0, 0, 8);
    assert.equal(pixels[1 * 8 + 1], SELECTED, 'corner');
    assert.equal(pixels[2 * 8 + 2], SELECTED, 'two pixels in');
    assert.equal(pixels[3 * 8 + 3], rgbaOf(COLORS[0]), 'three pixels in: the fill');
    const unselected = paintTile(
      ids,
      buildPalette(['A'], new Map([['A', { cls: 0, state: 'value' as const }]]), COLORS),
      0,
      0,
      8,
    );
    assert.equal(unselected[1 * 8 + 1], rgbaOf(COLORS[0]));
  });

  it('counts each drawn area once across tiles, not those left out', () => {
    const palette = buildPalette(
      ['A', 'B', 'C'],
      new Map([
        ['A', { cls: 0, state: 'value' as const }],
        ['C', { cls: null, state: 'missing' as const }],
      ]),
      COLORS,
    );
    // 9: an id beyond the codes (a tile newer than them) is not counted.
    const tiles = [tileOf(['1120', '0000']), tileOf(['1133', '0099'])].map(presentIds);
    assert.equal(countDrawn(tiles, palette), 2);
  });

  it('lists the ids a tile holds, each once, ascending, without the background', () => {
    assert.deepEqual([...presentIds(tileOf(['3310', '0099']))], [1, 3, 9]);
    assert.deepEqual([...presentIds(tileOf(['0000']))], []);
  });

  it('finds the tile and pixel under a position (Web Mercator, tiles of 512 px)', () => {
    assert.deepEqual(pixelAt(0, 0, 0), { x: 0, y: 0, px: 256, py: 256 });
    assert.deepEqual(pixelAt(-180, 85, 1), { x: 0, y: 0, px: 0, py: 1 });
    // Berlin, zoom 10: tile 550/335 (as OpenStreetMap's 256-px tiles at zoom 11 are 1100/671).
    const berlin = pixelAt(13.4, 52.52, 10);
    assert.equal(berlin?.x, 550);
    assert.equal(berlin?.y, 335);
    assert.equal(pixelAt(0, 89.9, 3), null, 'beyond the projection');
  });

  it('names the tiles of the view a map fits the bounds into (raster zoom rounded)', () => {
    // 0.8° × 0.4° at 52.5° N into 590 × 430 px with 24 px padding: zoom 8.67, the height decides.
    assert.deepEqual(fittedViewTiles([13.0, 52.3, 13.8, 52.7], 590, 430, 24, 16), [
      [9, 274, 167],
      [9, 275, 167],
      [9, 274, 168],
      [9, 275, 168],
    ]);
    // Tiles of 256 px: one zoom further for the same view, and the zoom limit holds.
    assert.equal(fittedViewTiles([13.0, 52.3, 13.8, 52.7], 590, 430, 24, 16, 256)[0][0], 10);
    assert.equal(fittedViewTiles([13.39, 52.5, 13.4, 52.51], 590, 430, 24, 12)[0][0], 12);
    // A map not laid out yet fits nothing.
    assert.deepEqual(fittedViewTiles([13.0, 52.3, 13.8, 52.7], 0, 0, 24, 16), []);
  });
});
