import type { Polygon, Position } from 'geojson';
import { CityNames } from './names';
import { contiguousGroups, type CellGraph } from './partition';
import { normal, seededRandom } from './random';
import { ringArea, unionOfCells } from './union';
import { voronoiCells, type PlanarCells } from './voronoi';

export interface DemoCityOptions {
  /** Planning areas (the finest level); default 150. */
  readonly areas?: number;
  /** Same seed, same city. */
  readonly seed?: number;
  /** Distance between neighbouring planning areas' centres, in metres; default 1000. */
  readonly spacingMetres?: number;
  readonly centre?: { readonly lon: number; readonly lat: number };
  /** Number of districts; default from the size (6 for 150 planning areas, at most 24). */
  readonly districts?: number;
}

export interface DemoCityLevel {
  readonly key: string;
  readonly name: string;
  readonly rank: number;
}

/** Four levels, as in the German cities Quartier is made for (Berlin: Bezirk … Planungsraum). */
export const DEMO_CITY_LEVELS: readonly DemoCityLevel[] = [
  { key: 'stadtbezirk', name: 'Stadtbezirk', rank: 0 },
  { key: 'stadtteil', name: 'Stadtteil', rank: 1 },
  { key: 'sozialraum', name: 'Sozialraum', rank: 2 },
  { key: 'planungsraum', name: 'Planungsraum', rank: 3 },
];

export interface DemoArea {
  /** Hierarchical: two digits per level (district 01, its Stadtteil 0103, …), like Berlin's LOR. */
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly parentCode: string | null;
  readonly population: number;
  readonly geometry: Polygon;
  /** A point inside the area (WGS84 [lon, lat]). */
  readonly point: Position;
}

/** What the generator knows about a planning area beyond its boundary, for the other generators. */
export interface DemoPlanningArea extends DemoArea {
  /** Distance from the city centre relative to the city's radius (0 centre, about 1 at the edge). */
  readonly centrality: number;
  /** Position in metres from the city centre (east, north). */
  readonly x: number;
  readonly y: number;
  /** Homes, no residents to speak of: parks, industry, railway land. */
  readonly nonResidential: boolean;
}

export interface DemoCity {
  readonly seed: number;
  readonly levels: readonly DemoCityLevel[];
  /** Every area, level by level (districts first), each level in code order. */
  readonly areas: readonly DemoArea[];
  readonly planningAreas: readonly DemoPlanningArea[];
  readonly radiusMetres: number;
}

const JITTER = 0.28;
/** Planning areas get smaller towards the centre, as in real cities (radius warped by r^1.35). */
const CENTRE_WARP = 0.35;

/**
 * A complete fictional city: planning areas are Voronoi cells of a jittered hexagonal lattice
 * inside an irregular outline, grouped bottom-up into contiguous Sozialräume, Stadtteile and
 * districts whose boundaries are the exact unions of their planning areas — no gaps, no
 * overlaps, parents contain their children. Population is densest in the centre.
 */
export function generateDemoCity(options: DemoCityOptions = {}): DemoCity {
  const n = options.areas ?? 150;
  const seed = options.seed ?? 1;
  const spacing = options.spacingMetres ?? 1000;
  if (!Number.isInteger(n) || n < 4) throw new Error('demo city: areas must be an integer of at least 4');
  const random = seededRandom(seed);
  const lattice = jitteredLattice(n, spacing, random);
  const cells = voronoiCells(lattice.x, lattice.y, lattice.chosen);
  const graph: CellGraph = {
    x: lattice.chosen.map((i) => lattice.x[i]),
    y: lattice.chosen.map((i) => lattice.y[i]),
    neighbours: cells.neighbours,
  };
  const districtCount = options.districts ?? Math.min(24, Math.max(2, Math.round(Math.sqrt(n) / 2)));
  const branching = Math.cbrt(n / districtCount);
  const all = graph.x.map((_, i) => i);
  const project = projection(options.centre ?? { lon: 9.0, lat: 50.0 });
  const names = new CityNames(random);
  const people = residents(graph, cells, lattice.radius, random);

  const areas: (DemoArea & { cells: number[] })[] = [];
  const area = (level: number, code: string, parentCode: string | null, members: number[], name: string) => {
    const polygon = unionOfCells(cells, members);
    const ring = (ids: readonly number[]) => [...ids, ids[0]].map((v) => project(cells.vertices, v));
    const [mx, my] = [mean(graph.x, members), mean(graph.y, members)];
    const distance = (c: number) => Math.hypot(graph.x[c] - mx, graph.y[c] - my);
    // The member site nearest the group's centre: inside the area even where it is not convex.
    const inner = members.reduce((best, c) => (distance(c) < distance(best) ? c : best));
    const created = {
      code,
      name,
      level: DEMO_CITY_LEVELS[level].key,
      parentCode,
      population: members.reduce((s, c) => s + people.count[c], 0),
      geometry: { type: 'Polygon' as const, coordinates: [ring(polygon.outer), ...polygon.holes.map(ring)] },
      point: projectPoint(project, graph.x[inner], graph.y[inner]),
      cells: members,
    };
    areas.push(created);
    return created;
  };

  const split = (members: number[], level: number, parentCode: string | null): void => {
    const groups =
      level === 0
        ? contiguousGroups(graph, members, districtCount)
        : level === 3
          ? members.map((c) => [c])
          : contiguousGroups(graph, members, childCount(members.length, branching ** (3 - level)));
    groups.forEach((group, i) => {
      const code = `${parentCode ?? ''}${String(i + 1).padStart(2, '0')}`;
      const name = nameFor(names, level, graph, group, lattice.radius);
      area(level, code, parentCode, group, name);
      if (level < 3) split(group, level + 1, code);
    });
  };
  split(all, 0, null);

  const ordered = [...areas].sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
  const planningAreas = ordered
    .filter((a) => a.level === 'planungsraum')
    .map(({ cells: [c], ...a }) => ({
      ...a,
      centrality: Math.hypot(graph.x[c], graph.y[c]) / lattice.radius,
      x: graph.x[c],
      y: graph.y[c],
      nonResidential: people.nonResidential[c],
    }));
  return {
    seed,
    levels: DEMO_CITY_LEVELS,
    areas: ordered.map(({ cells: _cells, ...a }) => a),
    planningAreas,
    radiusMetres: lattice.radius,
  };
}

function childCount(cells: number, cellsPerChild: number): number {
  return Math.max(1, Math.min(cells, 99, Math.round(cells / cellsPerChild)));
}

function mean(values: readonly number[], members: readonly number[]): number {
  return members.reduce((s, c) => s + values[c], 0) / members.length;
}

function nameFor(names: CityNames, level: number, graph: CellGraph, group: number[], radius: number): string {
  if (level === 0) {
    const [x, y] = [mean(graph.x, group), mean(graph.y, group)];
    if (Math.hypot(x, y) < 0.25 * radius) return names.district(null);
    return names.district((Math.atan2(x, y) + 2 * Math.PI) % (2 * Math.PI));
  }
  if (level === 1) return names.quarter();
  if (level === 2) return names.square();
  return names.street();
}

/**
 * Lattice points inside an irregular outline (a circle bent by a few harmonics), the n nearest
 * to the centre relative to the outline becoming the city; three rings of points around them
 * only shape the outer cells.
 */
function jitteredLattice(n: number, spacing: number, random: () => number) {
  const cellArea = (spacing * spacing * Math.sqrt(3)) / 2;
  const radius = Math.sqrt((n * cellArea) / Math.PI);
  const harmonics = [2, 3, 5].map((k, i) => ({ k, a: [0.12, 0.08, 0.04][i], phase: random() * 2 * Math.PI }));
  const outline = (angle: number) =>
    1 + harmonics.reduce((s, h) => s + h.a * Math.sin(h.k * angle + h.phase), 0);
  const rows = Math.ceil((1.3 * radius) / ((spacing * Math.sqrt(3)) / 2)) + 4;
  const cols = Math.ceil((1.3 * radius) / spacing) + 4;
  const x: number[] = [];
  const y: number[] = [];
  const reach: number[] = [];
  for (let j = -rows; j <= rows; j++)
    for (let i = -cols; i <= cols; i++) {
      const r = JITTER * spacing * Math.sqrt(random());
      const a = random() * 2 * Math.PI;
      const px = (i + (j & 1 ? 0.5 : 0)) * spacing + r * Math.cos(a);
      const py = (j * spacing * Math.sqrt(3)) / 2 + r * Math.sin(a);
      const warp = (Math.hypot(px, py) / radius) ** CENTRE_WARP;
      x.push(px * warp);
      y.push(py * warp);
      reach.push(Math.hypot(px, py) / (radius * outline(Math.atan2(py, px))));
    }
  const chosen = reach
    .map((value, index) => ({ value, index }))
    .sort((a, b) => a.value - b.value || a.index - b.index)
    .slice(0, n)
    .map((p) => p.index)
    .sort((a, b) => a - b);
  return { x, y, chosen, radius };
}

/** Inhabitants per planning area: dense in the centre, thinning out, a few without residents. */
function residents(graph: CellGraph, cells: PlanarCells, radius: number, random: () => number) {
  const nonResidential = graph.x.map(() => random() < 0.06);
  const count = graph.x.map((x, c) => {
    if (nonResidential[c]) return Math.floor(random() * 250);
    const centrality = Math.hypot(x, graph.y[c]) / radius;
    const density = 11000 * Math.exp(-2.2 * centrality) + 400;
    const km2 = ringArea(cells.vertices, cells.rings[c]) / 1e6;
    return Math.max(300, Math.round(km2 * density * Math.exp(0.3 * normal(random))));
  });
  return { count, nonResidential };
}

type Project = (vertices: readonly number[], v: number) => Position;

function projection(centre: { lon: number; lat: number }): Project {
  const metresPerLon = 111_320 * Math.cos((centre.lat * Math.PI) / 180);
  const metresPerLat = 110_574;
  // Six decimals (about 10 cm): every occurrence of a vertex rounds the same way.
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return (vertices, v) => [
    round(centre.lon + vertices[2 * v] / metresPerLon),
    round(centre.lat + vertices[2 * v + 1] / metresPerLat),
  ];
}

function projectPoint(project: Project, x: number, y: number): Position {
  return project([x, y], 0);
}

/** The demo tenant's city: every service generates the same one from these options. */
export const MUSTERSTADT = { tenantId: 'musterstadt', areas: 150, seed: 1 } as const;

let musterstadt: DemoCity | undefined;

/** Musterstadt (Demo), generated once per process. */
export function musterstadtCity(): DemoCity {
  musterstadt ??= generateDemoCity({ areas: MUSTERSTADT.areas, seed: MUSTERSTADT.seed });
  return musterstadt;
}
