// The map of the scale benchmark as the portal loads it: the level's TileJSON from the registry,
// the tiles that cover the whole city in a 1280 × 800 viewport (geometry from the registry,
// values per tile from the indicator service), all gzip-encoded as a browser asks for them.
const VIEWPORT = { width: 1280, height: 800 };
const TILE_SIZE = 512;

const lonToX = (lon, z) => ((lon + 180) / 360) * 2 ** z;
const latToY = (lat, z) => {
  const r = (lat * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z;
};

/** The zoom at which the bounds fill the viewport (MapLibre's fitBounds, 512-pixel tiles). */
export function fitZoom([west, south, east, north], viewport = VIEWPORT) {
  const width = (lonToX(east, 0) - lonToX(west, 0)) * TILE_SIZE;
  const height = (latToY(south, 0) - latToY(north, 0)) * TILE_SIZE;
  return Math.log2(Math.min(viewport.width / width, viewport.height / height));
}

export function tilesCovering([west, south, east, north], z) {
  const tiles = [];
  const [x0, x1] = [Math.floor(lonToX(west, z)), Math.floor(lonToX(east, z))];
  const [y0, y1] = [Math.floor(latToY(north, z)), Math.floor(latToY(south, z))];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.push({ z, x, y });
  return tiles;
}

/**
 * A full-city view as the explorer loads it: the level's TileJSON, the geometry tiles covering
 * the city (registry) and the value layer that colours them (indicator service), gzip-encoded.
 * Null when the platform serves no tiles (the code before issue 16).
 */
export async function fullCityTiles(call, level, query, timed) {
  const gzip = { 'accept-encoding': 'gzip' };
  // Bytes on the wire, gzip-encoded as a browser receives them (fetch would count them decoded).
  const size = (response) => response.wireBytes;
  let started = performance.now();
  const meta = await call.wire(`/api/registry/tiles/${level}`, gzip);
  if (meta.status === 404) return null;
  const tileJson = await call('GET', `/api/registry/tiles/${level}`);
  const z = Math.max(tileJson.minzoom, Math.min(tileJson.maxzoom, Math.floor(fitZoom(tileJson.bounds))));
  const tiles = tilesCovering(tileJson.bounds, z);
  const load = async ({ z: tz, x, y }) => {
    const response = await call.wire(`/api/registry/tiles/${level}/${tz}/${x}/${y}.pbf`, gzip);
    if (response.status >= 400) throw new Error(`tile ${tz}/${x}/${y}: ${response.status}`);
    return size(response);
  };
  const layer = async () => {
    const response = await call.wire(`/api/indicator/values/layer?${query}`, gzip);
    if (response.status >= 400) throw new Error(`value layer: ${response.status}`);
    return size(response);
  };
  // Cold: the first full view (the registry builds its tile index, the service its layer).
  const [geometry, values] = await Promise.all([Promise.all(tiles.map(load)), layer()]);
  const coldMs = performance.now() - started;
  let next = 0;
  const perTile = await timed(40, () => load(tiles[next++ % tiles.length]));
  const layerReads = await timed(20, layer);
  started = performance.now();
  await Promise.all([...tiles.map(load), layer()]);
  const warmMs = performance.now() - started;
  const geometryBytes = geometry.reduce((s, b) => s + b, 0);
  return {
    zoom: z,
    tiles: tiles.length,
    bytes: size(meta) + geometryBytes + values,
    geometryBytes,
    layerBytes: values,
    coldViewMs: Math.round(coldMs),
    warmViewMs: Math.round(warmMs),
    p50Ms: perTile.p50Ms,
    p95Ms: perTile.p95Ms,
    layerP95Ms: layerReads.p95Ms,
    raster: await fullCityRaster(call, tileJson, tiles, timed),
  };
}

/**
 * The same view as area-id rasters (PNG: compressed already, so never gzipped) and the codes
 * behind their ids (gzip), as the explorer loads them where areas are a few pixels wide. Cold:
 * the level's index is built by then, so this is rasterising and encoding. Null before the
 * rasters existed.
 */
async function fullCityRaster(call, tileJson, tiles, timed) {
  if (!tileJson.raster) return null;
  const gzip = { 'accept-encoding': 'gzip' };
  const url = ({ z, x, y }) => tileJson.raster.tiles[0].replace('{z}', z).replace('{x}', x).replace('{y}', y);
  const load = async (tile) => {
    const response = await call.wire(url(tile), gzip);
    if (response.status >= 400) throw new Error(`raster ${url(tile)}: ${response.status}`);
    return response.wireBytes;
  };
  const started = performance.now();
  const [pngs, codes] = await Promise.all([
    Promise.all(tiles.map(load)),
    call.wire(tileJson.raster.codes, gzip).then((response) => {
      if (response.status >= 400) throw new Error(`raster codes: ${response.status}`);
      return response.wireBytes;
    }),
  ]);
  const coldMs = performance.now() - started;
  let next = 0;
  const perTile = await timed(40, () => load(tiles[next++ % tiles.length]));
  const pngBytes = pngs.reduce((s, b) => s + b, 0);
  return {
    bytes: pngBytes + codes,
    pngBytes,
    largestPngBytes: Math.max(...pngs),
    codesBytes: codes,
    coldViewMs: Math.round(coldMs),
    p50Ms: perTile.p50Ms,
    p95Ms: perTile.p95Ms,
  };
}
