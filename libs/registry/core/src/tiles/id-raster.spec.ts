import type { Geometry } from 'geojson';
import { AreaTileIndex, type TileArea } from './area-tiles';
import { fillPolygon, hilbertIndex, hilbertOrder, type RasterWindow } from './id-raster';

// Rasters in pixel units: a window with scale 1 and origin 0 takes world coordinates as pixels.
const pixelWindow = (size: number): RasterWindow => ({ size, scale: 1, originX: 0, originY: 0 });
const rect = (x0: number, y0: number, x1: number, y1: number) =>
  Float64Array.from([x0, y0, x1, y0, x1, y1, x0, y1, x0, y0]);
/** The raster as rows of digits, '.' for 0: easy to read in a failing assertion. */
const picture = (pixels: Uint32Array, size: number) =>
  Array.from({ length: size }, (_, row) =>
    Array.from(pixels.subarray(row * size, (row + 1) * size), (v) => (v === 0 ? '.' : String(v))).join(''),
  );

describe('fillPolygon', () => {
  it('fills a square: the pixels whose centres lie inside', () => {
    const pixels = new Uint32Array(6 * 6);
    fillPolygon(pixels, pixelWindow(6), [rect(1, 1, 4, 3)], 7);
    expect(picture(pixels, 6)).toEqual(['......', '.777..', '.777..', '......', '......', '......']);
  });

  it('decides by the pixel centre: an edge short of the centre leaves the pixel out, one past it takes it in', () => {
    const pixels = new Uint32Array(8 * 4);
    fillPolygon(pixels, pixelWindow(8), [rect(0.4, 0.4, 2.6, 1.6)], 1);
    fillPolygon(pixels, pixelWindow(8), [rect(4.6, 0.6, 6.4, 3.4)], 2);
    expect(picture(pixels, 8).slice(0, 4)).toEqual(['111.....', '111..2..', '.....2..', '........']);
  });

  it('gives a pixel whose centre lies on a shared edge to one area only (left/top edges count)', () => {
    const pixels = new Uint32Array(4 * 4);
    fillPolygon(pixels, pixelWindow(4), [rect(0, 0, 1.5, 4)], 1);
    fillPolygon(pixels, pixelWindow(4), [rect(1.5, 0, 4, 4)], 2);
    expect(picture(pixels, 4)).toEqual(['1222', '1222', '1222', '1222']);
  });

  it('leaves a hole empty (even-odd over the rings, whichever way they wind)', () => {
    const pixels = new Uint32Array(5 * 5);
    const hole = rect(2, 2, 3, 3).reverse(); // reversed pairs are (y, x): the same square, other winding
    fillPolygon(pixels, pixelWindow(5), [rect(1, 1, 4, 4), hole], 3);
    expect(picture(pixels, 5)).toEqual(['.....', '.333.', '.3.3.', '.333.', '.....']);
  });

  it('fills a concave ring and clips what lies beyond the raster', () => {
    const pixels = new Uint32Array(4 * 4);
    // An L from far outside the raster: left column and bottom row.
    const ell = Float64Array.from([-100, -100, 1, -100, 1, 3, 100, 3, 100, 100, -100, 100, -100, -100]);
    fillPolygon(pixels, pixelWindow(4), [ell], 9);
    expect(picture(pixels, 4)).toEqual(['9...', '9...', '9...', '9999']);
  });
});

describe('hilbertOrder', () => {
  it('walks a grid cell by cell: consecutive positions are neighbours', () => {
    const cells: [number, number][] = [];
    for (let x = 0; x < 16; x++) for (let y = 0; y < 16; y++) cells.push([x, y]);
    const step = 1 << 12; // 16 cells across the 2^16 grid
    const sorted = cells.sort(
      (a, b) => hilbertIndex(a[0] * step, a[1] * step) - hilbertIndex(b[0] * step, b[1] * step),
    );
    for (let i = 1; i < sorted.length; i++)
      expect(Math.abs(sorted[i][0] - sorted[i - 1][0]) + Math.abs(sorted[i][1] - sorted[i - 1][1])).toBe(1);
  });

  it('depends on the boxes and keys only, not on their order; equal centres go by key', () => {
    const boxes = [0.1, 0.9, 0.5, 0.5].map((v) => ({ minX: v, minY: v, maxX: v, maxY: v }));
    const keys = ['a', 'b', 'd', 'c'];
    const order = hilbertOrder(boxes, keys).map((i) => keys[i]);
    expect(order).toEqual(['a', 'c', 'd', 'b']);
    const reversed = hilbertOrder([...boxes].reverse(), [...keys].reverse()).map(
      (i) => [...keys].reverse()[i],
    );
    expect(reversed).toEqual(order);
  });
});

describe('AreaTileIndex rasters', () => {
  // Tile 12/2200/1343 (near Berlin); geometry given in the tile's pixels, converted to lon/lat.
  const [z, tx, ty] = [12, 2200, 1343];
  const lon = (px: number) => ((tx + px / 512) / 2 ** z - 0.5) * 360;
  const lat = (py: number) =>
    (Math.atan(Math.sinh(Math.PI * (1 - (2 * (ty + py / 512)) / 2 ** z))) * 180) / Math.PI;
  const ring = (x0: number, y0: number, x1: number, y1: number) => [
    [lon(x0), lat(y0)],
    [lon(x1), lat(y0)],
    [lon(x1), lat(y1)],
    [lon(x0), lat(y1)],
    [lon(x0), lat(y0)],
  ];
  const square = (code: string, geometry: Geometry): TileArea => ({ id: code, code, name: code, geometry });
  const areas: TileArea[] = [
    square('square', { type: 'Polygon', coordinates: [ring(10, 10, 20, 20)] }),
    square('holed', { type: 'Polygon', coordinates: [ring(100, 100, 200, 200), ring(140, 140, 160, 160)] }),
    square('multi', {
      type: 'MultiPolygon',
      coordinates: [[ring(300, 10, 310, 20)], [ring(300, 40, 310, 50)]],
    }),
    // Across the tile's east edge into tile x + 1.
    square('edge', { type: 'Polygon', coordinates: [ring(500, 300, 530, 310)] }),
  ];
  const index = new AreaTileIndex(areas);
  const raster = index.rasterTile(z, tx, ty);
  const at = (pixels: Uint32Array, px: number, py: number) => pixels[py * 512 + px];
  const idOf = (code: string) => index.codes().indexOf(code) + 1;

  it('holds ordinal + 1 of the area at each pixel, matching codes()', () => {
    expect(raster).toHaveLength(512 * 512);
    expect(index.codes().slice().sort()).toEqual(['edge', 'holed', 'multi', 'square']);
    expect([at(raster, 10, 10), at(raster, 19, 19), at(raster, 15, 15)]).toEqual(
      Array(3).fill(idOf('square')),
    );
    expect([at(raster, 9, 15), at(raster, 20, 15), at(raster, 15, 20), at(raster, 0, 0)]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(raster.filter((v) => v === idOf('square'))).toHaveLength(100);
  });

  it('leaves holes empty and fills every part of a multipolygon', () => {
    expect([at(raster, 120, 120), at(raster, 150, 150), at(raster, 170, 150)]).toEqual([
      idOf('holed'),
      0,
      idOf('holed'),
    ]);
    expect(raster.filter((v) => v === idOf('holed'))).toHaveLength(100 * 100 - 20 * 20);
    expect([at(raster, 305, 15), at(raster, 305, 30), at(raster, 305, 45)]).toEqual([
      idOf('multi'),
      0,
      idOf('multi'),
    ]);
  });

  it('splits an area across the tile edge between the neighbouring tiles, pixel for pixel', () => {
    const east = index.rasterTile(z, tx + 1, ty);
    expect(raster.filter((v) => v === idOf('edge'))).toHaveLength(12 * 10);
    expect(east.filter((v) => v === idOf('edge'))).toHaveLength(18 * 10);
    expect([at(raster, 511, 305), at(east, 0, 305), at(east, 17, 305), at(east, 18, 305)]).toEqual([
      idOf('edge'),
      idOf('edge'),
      idOf('edge'),
      0,
    ]);
  });

  it('answers a tile without areas with zeros only, and an index without areas with no codes', () => {
    expect(index.rasterTile(z, tx, ty + 5).every((v) => v === 0)).toBe(true);
    expect(new AreaTileIndex([]).rasterTile(0, 0, 0, 4)).toEqual(new Uint32Array(16));
    expect(new AreaTileIndex([]).codes()).toEqual([]);
  });

  it('numbers neighbouring areas closely: along the Hilbert curve, not in the order they came', () => {
    // A 32 × 32 grid of 8-pixel blocks, given in a scrambled order.
    const blocks: TileArea[] = [];
    for (let i = 0; i < 1024; i++) {
      const k = (i * 389) % 1024; // 389 is coprime to 1024: a permutation
      const [col, row] = [k % 32, Math.floor(k / 32)];
      blocks.push(
        square(`b${col}-${row}`, {
          type: 'Polygon',
          coordinates: [ring(col * 8, row * 8, col * 8 + 8, row * 8 + 8)],
        }),
      );
    }
    const grid = new AreaTileIndex(blocks);
    const ordinal = new Map(grid.codes().map((code, i) => [code, i]));
    const gaps: number[] = [];
    for (let col = 0; col < 32; col++)
      for (let row = 0; row < 32; row++) {
        const here = ordinal.get(`b${col}-${row}`) as number;
        if (col < 31) gaps.push(Math.abs((ordinal.get(`b${col + 1}-${row}`) as number) - here));
        if (row < 31) gaps.push(Math.abs((ordinal.get(`b${col}-${row + 1}`) as number) - here));
      }
    const near = gaps.filter((gap) => gap <= 3).length / gaps.length;
    // Row-major numbering puts only half the neighbours (those in a row) this close.
    expect(near).toBeGreaterThan(0.6);
    expect(gaps.sort((a, b) => a - b)[gaps.length >> 1]).toBe(1);
    expect(new AreaTileIndex([...blocks].reverse()).codes()).toEqual(grid.codes());
  });
});
