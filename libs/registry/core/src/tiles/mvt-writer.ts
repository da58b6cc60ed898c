// Mapbox Vector Tile 2.1 encoding (https://github.com/mapbox/vector-tile-spec/tree/master/2.1):
// one tile with layers of polygon features, each with string properties. The protobuf wire
// format is written by hand because it is four field kinds; what matters — zig-zag deltas,
// command integers, packed repeated fields — follows the spec's examples and is checked by the
// decoder in the tests.

export interface TileFeature {
  /** Optional numeric id (MVT `id`, uint64). */
  readonly id?: number;
  readonly properties: Readonly<Record<string, string>>;
  /** Rings in tile coordinates: exterior rings clockwise (y down), holes anticlockwise. */
  readonly rings: readonly (readonly number[])[];
}

export interface TileLayer {
  readonly name: string;
  readonly extent: number;
  readonly features: readonly TileFeature[];
}

const POLYGON = 3;
const MOVE_TO = 1;
const LINE_TO = 2;
const CLOSE_PATH = 7;

class ProtobufWriter {
  private buffer = new Uint8Array(1024);
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  varint(value: number): void {
    this.ensure(10);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buffer[this.length++] = v;
  }

  tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  bytes(field: number, data: Uint8Array): void {
    this.tag(field, 2);
    this.varint(data.length);
    this.ensure(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  string(field: number, text: string): void {
    this.bytes(field, new TextEncoder().encode(text));
  }

  packed(field: number, values: readonly number[]): void {
    const inner = new ProtobufWriter();
    for (const v of values) inner.varint(v);
    this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

const zigzag = (n: number) => (n << 1) ^ (n >> 31);
const command = (id: number, count: number) => (count << 3) | (id & 0x7);

/** The geometry command stream of a polygon feature (rings are closed by ClosePath, not repeated). */
export function polygonCommands(rings: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  let x = 0;
  let y = 0;
  for (const ring of rings) {
    const points = ring.length / 2;
    if (points < 3) continue;
    out.push(command(MOVE_TO, 1), zigzag(ring[0] - x), zigzag(ring[1] - y));
    x = ring[0];
    y = ring[1];
    out.push(command(LINE_TO, points - 1));
    for (let i = 1; i < points; i++) {
      out.push(zigzag(ring[2 * i] - x), zigzag(ring[2 * i + 1] - y));
      x = ring[2 * i];
      y = ring[2 * i + 1];
    }
    out.push(command(CLOSE_PATH, 1));
  }
  return out;
}

function encodeLayer(layer: TileLayer): Uint8Array {
  const w = new ProtobufWriter();
  w.tag(15, 0); // version
  w.varint(2);
  w.string(1, layer.name);
  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  const index = (map: Map<string, number>, key: string) => {
    let i = map.get(key);
    if (i === undefined) map.set(key, (i = map.size));
    return i;
  };
  for (const feature of layer.features) {
    const geometry = polygonCommands(feature.rings);
    if (geometry.length === 0) continue;
    const f = new ProtobufWriter();
    if (feature.id !== undefined) {
      f.tag(1, 0);
      f.varint(feature.id);
    }
    const tags: number[] = [];
    for (const [key, value] of Object.entries(feature.properties))
      tags.push(index(keys, key), index(values, value));
    if (tags.length > 0) f.packed(2, tags);
    f.tag(3, 0);
    f.varint(POLYGON);
    f.packed(4, geometry);
    w.bytes(2, f.finish());
  }
  for (const key of keys.keys()) w.string(3, key);
  for (const value of values.keys()) {
    const v = new ProtobufWriter();
    v.string(1, value);
    w.bytes(4, v.finish());
  }
  w.tag(5, 0);
  w.varint(layer.extent);
  return w.finish();
}

/** A vector tile of the given layers (layers without features are left out). */
export function encodeVectorTile(layers: readonly TileLayer[]): Uint8Array {
  const tile = new ProtobufWriter();
  for (const layer of layers) if (layer.features.length > 0) tile.bytes(3, encodeLayer(layer));
  return tile.finish();
}
