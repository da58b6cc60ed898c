import type { BoundingBox } from './geo';

// Maps of a city or district use an equirectangular projection scaled by cos(latitude) at the
// map's centre. Over the ~45 km of Berlin (52.34°–52.68° N) the cosine changes by under 1 %, so
// shapes and areas are as true as Web Mercator or UTM would draw them at print scale — without a
// projection library, and independent of the tenant's CRS. It is not for countries or continents.

export interface MapBox {
  width: number;
  height: number;
  /** Space kept free around the drawing. */
  padding: number;
}

export interface Projection {
  /** Page coordinates (px, y down) of a WGS84 position. */
  project(lon: number, lat: number): [number, number];
  /** The drawing's size in px, within the box (the box's ratio may leave one side shorter). */
  width: number;
  height: number;
  /** px per metre, for scale bars. */
  pxPerMetre: number;
}

const METRES_PER_DEGREE = 111_320;

/** Fits `bounds` into `box`, centred, keeping the aspect ratio. */
export function fitProjection(bounds: BoundingBox, box: MapBox): Projection {
  const midLat = (bounds.south + bounds.north) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const spanX = Math.max((bounds.east - bounds.west) * k, 1e-9);
  const spanY = Math.max(bounds.north - bounds.south, 1e-9);
  const innerW = box.width - 2 * box.padding;
  const innerH = box.height - 2 * box.padding;
  const scale = Math.min(innerW / spanX, innerH / spanY);
  const offsetX = box.padding + (innerW - spanX * scale) / 2;
  const offsetY = box.padding + (innerH - spanY * scale) / 2;
  return {
    project: (lon, lat) => [
      offsetX + (lon - bounds.west) * k * scale,
      offsetY + (bounds.north - lat) * scale,
    ],
    width: box.width,
    height: box.height,
    pxPerMetre: scale / METRES_PER_DEGREE,
  };
}
