import type { Polygon } from 'geojson';
import { AreaTileIndex, type TileArea } from './area-tiles';
import { encodeVectorTile, polygonCommands } from './mvt-writer';
import { clipRing, signedArea2, simplifyRing, worldX, worldY } from './tile-geometry';

// A minimal MVT reader (protobuf varints, length-delimited fields), enough to read back what the
// writer produced, independently of it.
function readVarint(buf: Uint8Array, pos: { at: number }): number {
  let result = 0;
  let shift = 1;
  for (;;) {
    const byte = buf[pos.at++];
    result += (byte & 0x7f) * shift;
    if (byte < 0x80) return result;
    shift *= 128;
  }
}
function fields(buf: Uint8Array): { field: number; value: number | Uint8Array }[] {
  const out: { field: number; value: number | Uint8Array }[] = [];
  const pos = { at: 0 };
  while (pos.at < buf.length) {
    const key = readVarint(buf, pos);
    const [field, type] = [Math.floor(key / 8), key % 8];
    if (type === 0) out.push({ field, value: readVarint(buf, pos) });
    else if (type === 2) {
      const length = readVarint(buf, pos);
      out.push({ field, value: buf.subarray(pos.at, pos.at + length) });
      pos.at += length;
    } else throw new Error(`wire type ${type}`);
  }
  return out;
}
const packed = (buf: Uint8Array) => {
  const pos = { at: 0 };
  const out: number[] = [];
  while (pos.at < buf.length) out.push(readVarint(buf, pos));
  return out;
};
const text = (buf: Uint8Array) => new TextDecoder().decode(buf);
const unzigzag = (n: number) => (n >>> 1) ^ -(n & 1);

interface DecodedFeature {
  properties: Record<string, string>;
  rings: [number, number][][];
}
function decode(
  tile: Uint8Array,
): { name: string; extent: number; version: number; features: DecodedFeature[] }[] {
  return fields(tile)
    .filter((f) => f.field === 3)
    .map(({ value }) => {
      const layer = fields(value as Uint8Array);
      const keys = layer.filter((f) => f.field === 3).map((f) => text(f.value as Uint8Array));
      const values = layer
        .filter((f) => f.field === 4)
        .map((f) => text(fields(f.value as Uint8Array)[0].value as Uint8Array));
      const features = layer
        .filter((f) => f.field === 2)
        .map((f) => {
          const parts = fields(f.value as Uint8Array);
          const tags = packed(parts.find((p) => p.field === 2)?.value as Uint8Array);
          const properties: Record<string, string> = {};
          for (let i = 0; i < tags.length; i += 2) properties[keys[tags[i]]] = values[tags[i + 1]];
          expect(parts.find((p) => p.field === 3)?.value).toBe(3); // POLYGON
          const commands = packed(parts.find((p) => p.field === 4)?.value as Uint8Array);
          const rings: [number, number][][] = [];
          let [x, y, i] = [0, 0, 0];
          while (i < commands.length) {
            const [id, count] = [commands[i] & 7, commands[i] >> 3];
            i++;
            if (id === 7) continue;
            if (id === 1) rings.push([]);
            for (let k = 0; k < count; k++) {
              x += unzigzag(commands[i++]);
              y += unzigzag(commands[i++]);
              rings.at(-1)?.push([x, y]);
            }
          }
          return { properties, rings };
        });
      return {
        name: text(layer.find((f) => f.field === 1)?.value as Uint8Array),
        version: layer.find((f) => f.field === 15)?.value as number,
        extent: layer.find((f) => f.field === 5)?.value as number,
        features,
      };
    });
}

const box = (west: number, south: number, east: number, north: number, hole?: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
    ...(hole
      ? [
          [
            [west + hole, south + hole],
            [west + hole, north - hole],
            [east - hole, north - hole],
            [east - hole, south + hole],
            [west + hole, south + hole],
          ],
        ]
      : []),
  ],
});

describe('MVT writer', () => {
  it('encodes the spec example polygon as MoveTo, LineTo ×2, ClosePath with zig-zag deltas', () => {
    // vector-tile-spec 2.1, 4.3.5.4: polygon (3,6) (8,12) (20,34).
    expect(polygonCommands([[3, 6, 8, 12, 20, 34]])).toEqual([9, 6, 12, 18, 10, 12, 24, 44, 15]);
  });

  it('writes layer name, version 2, extent and string properties that a reader gets back', () => {
    const tile = encodeVectorTile([
      {
        name: 'areas',
        extent: 4096,
        features: [
          { properties: { code: '0101', name: 'Mitte' }, rings: [[0, 0, 10, 0, 10, 10]] },
          { properties: { code: '0102', name: 'Mitte' }, rings: [[20, 20, 30, 20, 30, 30]] },
        ],
      },
      { name: 'empty', extent: 4096, features: [] },
    ]);
    const layers = decode(tile);
    expect(layers.map((l) => [l.name, l.version, l.extent])).toEqual([['areas', 2, 4096]]);
    expect(layers[0].features.map((f) => f.properties)).toEqual([
      { code: '0101', name: 'Mitte' },
      { code: '0102', name: 'Mitte' },
    ]);
    expect(layers[0].features[1].rings).toEqual([
      [
        [20, 20],
        [30, 20],
        [30, 30],
      ],
    ]);
  });
});

describe('tile geometry', () => {
  it('projects to Web Mercator world coordinates (0…1, y down)', () => {
    expect(worldX(-180)).toBe(0);
    expect(worldX(0)).toBe(0.5);
    expect(worldY(0)).toBeCloseTo(0.5, 12);
    expect(worldY(85.0511287798066)).toBeCloseTo(0, 9);
    expect(worldY(52.52)).toBeLessThan(0.5);
  });

  it('simplifies within the tolerance and keeps a closed ring closed', () => {
    const wobbly = Float64Array.from([0, 0, 5, 0.01, 10, 0, 10, 10, 5, 10.01, 0, 10, 0, 0]);
    expect(Array.from(simplifyRing(wobbly, 0.1))).toEqual([0, 0, 10, 0, 10, 10, 0, 10, 0, 0]);
    expect(Array.from(simplifyRing(wobbly, 0.001))).toEqual(Array.from(wobbly));
  });

  it('clips a ring to a rectangle', () => {
    const clipped = clipRing([-5, -5, 5, -5, 5, 5, -5, 5], { minX: 0, minY: 0, maxX: 10, maxY: 10 });
    expect(Math.abs(signedArea2(clipped)) / 2).toBe(25);
    expect(clipped.every((v) => v >= 0 && v <= 5)).toBe(true);
    expect(clipRing([20, 20, 30, 20, 30, 30], { minX: 0, minY: 0, maxX: 10, maxY: 10 })).toEqual([]);
  });
});

describe('AreaTileIndex', () => {
  const areas: TileArea[] = [
    { id: 'a', code: '01', name: 'West', geometry: box(13.0, 52.0, 13.5, 52.5, 0.1) },
    { id: 'b', code: '02', name: 'Ost', geometry: box(13.5, 52.0, 14.0, 52.5) },
    { id: 'c', code: '03', name: 'Krümel', geometry: box(13.9, 52.49, 13.90001, 52.49001) },
    { id: 'd', code: '04', name: 'Ohne', geometry: null },
  ];
  const index = new AreaTileIndex(areas);

  it('knows its bounds and leaves out areas without geometry', () => {
    expect(index.size).toBe(3);
    expect(index.bounds?.map((v) => Number(v.toFixed(6)))).toEqual([13, 52, 14, 52.5]);
  });

  it('at city scale: both areas with their codes only, exteriors clockwise (y down), holes kept, specks dropped', () => {
    const z = 8;
    const [x, y] = [Math.floor(worldX(13.5) * 2 ** z), Math.floor(worldY(52.25) * 2 ** z)];
    const [layer] = decode(index.tile(z, x, y));
    expect(layer.name).toBe('areas');
    expect(layer.features.map((f) => f.properties)).toEqual([{ code: '01' }, { code: '02' }]);
    const west = layer.features[0].rings;
    expect(west).toHaveLength(2);
    const area = (ring: [number, number][]) => signedArea2(ring.flat());
    expect(area(west[0])).toBeGreaterThan(0);
    expect(area(west[1])).toBeLessThan(0);
    for (const ring of layer.features.flatMap((f) => f.rings))
      for (const [px, py] of ring) {
        expect(px).toBeGreaterThanOrEqual(-64);
        expect(px).toBeLessThanOrEqual(4096 + 64);
        expect(py).toBeGreaterThanOrEqual(-64);
      }
  });

  it('at street scale: the areas in the tile carry id and name, and a tile beside the city is empty', () => {
    const z = 16;
    const [x, y] = [Math.floor(worldX(13.900005) * 2 ** z), Math.floor(worldY(52.490005) * 2 ** z)];
    const [layer] = decode(index.tile(z, x, y));
    expect(layer.features.map((f) => f.properties)).toEqual([
      { code: '02', id: 'b', name: 'Ost' },
      { code: '03', id: 'c', name: 'Krümel' },
    ]);
    expect(decode(index.tile(10, 0, 0))).toEqual([]);
  });
});
