import { seededRandom } from '@quartier/demo-city';
import type { MapArea, Position } from '../maps/geo';

// A seeded, synthetic Berlin-like city for specs and the benchmark: a jittered grid of areas
// whose neighbours share wiggly boundaries (as real planning areas do), grouped into districts,
// all in WGS84 around 13.4° E, 52.5° N. No real boundaries are used.

function hash(key: string, seed: number): number {
  let h = seed ^ 0x9e3779b9;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export const AREA_NAMES = [
  'Müggelheim',
  'Köpenick-Nord',
  'Grünau',
  'Schöneweide',
  'Altglienicke',
  'Baumschulenweg',
  'Plänterwald',
  'Johannisthal',
  'Adlershof',
  'Bohnsdorf',
  'Rahnsdorf',
  'Friedrichshagen',
  'Hirschgarten',
  'Wendenschloß',
  'Allende-Viertel',
  'Dammvorstadt',
  'Kietzer Feld',
  'Spindlersfeld',
];

export interface SyntheticCity {
  city: MapArea;
  districts: MapArea[];
  areas: (MapArea & { district: string })[];
}

export interface SyntheticCityOptions {
  columns: number;
  rows: number;
  /** Cells per district in each direction. */
  districtSize: [number, number];
  /** Intermediate points per cell edge (boundary detail). */
  edgeDetail: number;
  seed?: number;
}

/** Builds the city; equal options give equal geometries. */
export function syntheticCity(options: SyntheticCityOptions): SyntheticCity {
  const { columns, rows, edgeDetail, seed = 42 } = options;
  const [lon0, lat0, cellLon, cellLat] = [13.1, 52.34, 0.6 / columns, 0.34 / rows];
  const random = seededRandom(seed);
  const vertex: Position[][] = [];
  for (let i = 0; i <= columns; i++) {
    vertex.push([]);
    for (let j = 0; j <= rows; j++) {
      const inner = i > 0 && i < columns && j > 0 && j < rows;
      const jx = inner ? (random() - 0.5) * 0.5 * cellLon : 0;
      const jy = inner ? (random() - 0.5) * 0.5 * cellLat : 0;
      vertex[i].push([lon0 + i * cellLon + jx, lat0 + j * cellLat + jy]);
    }
  }
  // Points strictly between two grid vertices; the same edge always gets the same wiggle.
  const edge = (a: [number, number], b: [number, number]): Position[] => {
    const [p, q] = [vertex[a[0]][a[1]], vertex[b[0]][b[1]]];
    const r = seededRandom(hash(`${a}|${b}`, seed));
    const [nx, ny] = [-(q[1] - p[1]), q[0] - p[0]];
    const points: Position[] = [];
    for (let k = 1; k <= edgeDetail; k++) {
      const t = k / (edgeDetail + 1);
      const wiggle = Math.sin(t * Math.PI) * (r() - 0.5) * 0.08;
      points.push([p[0] + (q[0] - p[0]) * t + nx * wiggle, p[1] + (q[1] - p[1]) * t + ny * wiggle]);
    }
    return points;
  };
  // Edges are generated in a canonical direction so both neighbours share the same points.
  const path = (from: [number, number], to: [number, number]): Position[] => {
    const forward = from[0] < to[0] || (from[0] === to[0] && from[1] < to[1]);
    return forward ? edge(from, to) : edge(to, from).reverse();
  };
  const block = (i0: number, j0: number, i1: number, j1: number): Position[] => {
    const corners: [number, number][] = [];
    for (let i = i0; i < i1; i++) corners.push([i, j0]);
    for (let j = j0; j < j1; j++) corners.push([i1, j]);
    for (let i = i1; i > i0; i--) corners.push([i, j1]);
    for (let j = j1; j > j0; j--) corners.push([i0, j]);
    const ring: Position[] = [];
    corners.forEach((c, k) => {
      ring.push(vertex[c[0]][c[1]]);
      ring.push(...path(c, corners[(k + 1) % corners.length]));
    });
    ring.push(ring[0]);
    return ring;
  };
  const [dw, dh] = options.districtSize;
  const districts: MapArea[] = [];
  for (let di = 0; di * dw < columns; di++) {
    for (let dj = 0; dj * dh < rows; dj++) {
      const code = `${String(districts.length + 1).padStart(2, '0')}`;
      const ring = block(di * dw, dj * dh, Math.min(columns, (di + 1) * dw), Math.min(rows, (dj + 1) * dh));
      districts.push({ code, name: `Bezirk ${code}`, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
  }
  const areas: SyntheticCity['areas'] = [];
  for (let i = 0; i < columns; i++) {
    for (let j = 0; j < rows; j++) {
      const district = districts[Math.floor(i / dw) * Math.ceil(rows / dh) + Math.floor(j / dh)].code;
      const n = areas.length;
      const name = n < AREA_NAMES.length ? AREA_NAMES[n] : `Planungsraum ${n + 1}`;
      areas.push({
        code: `${district}${String(n + 1).padStart(4, '0')}`,
        name,
        district,
        geometry: { type: 'Polygon', coordinates: [block(i, j, i + 1, j + 1)] },
      });
    }
  }
  const city: MapArea = {
    code: '0',
    name: 'Berlin',
    geometry: { type: 'Polygon', coordinates: [block(0, 0, columns, rows)] },
  };
  return { city, districts, areas };
}
