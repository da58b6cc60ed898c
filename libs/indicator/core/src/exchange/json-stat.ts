// JSON-stat datasets (https://json-stat.org/format/, 2.0, and the 1.x bundles statistics offices
// still serve: `{ "<name>": { "dimension": { "id", "size", "role", … }, "value" } }`): a cube whose
// `value` (and optional `status`) lists observations in row-major order over the dimensions in
// `id`. Quartier needs three dimensions — area, period, indicator — found by the dimension
// mapping, else by role (`geo`, `time`, `metric`) or by id; every other dimension is fixed to
// one category by the mapping or has only one.
import { type DimensionMapping, findDimension, NO_MAPPING, unknownMappedDimensions } from './dimension-map';

export interface JsonStatCategory {
  index?: string[] | Record<string, number>;
  label?: Record<string, string>;
}

export interface JsonStatDimension {
  label?: string;
  category: JsonStatCategory;
}

/** Everything of a dataset except `value` and `status` (which are streamed). */
export interface JsonStatHeader {
  version?: string;
  label?: string;
  class?: string;
  id: string[];
  size: number[];
  role?: { time?: string[]; geo?: string[]; metric?: string[] };
  dimension: Record<string, JsonStatDimension>;
}

export interface JsonStatCube {
  /** Coordinates of observation number `n` (0-based); null where a fixed dimension is elsewhere. */
  coordinates(n: number): { area: string; period: string; indicator: string } | null;
  total: number;
}

export type JsonStatCubeResult = { ok: true; cube: JsonStatCube } | { ok: false; message: string };

function categoryCodes(dimension: JsonStatDimension | undefined, size: number): string[] | null {
  const index = dimension?.category?.index;
  if (index === undefined) {
    // A single category may omit the index and give only a label.
    const labels = Object.keys(dimension?.category?.label ?? {});
    return labels.length === size ? labels : null;
  }
  if (Array.isArray(index)) return index.length === size ? index.map(String) : null;
  const codes: (string | null)[] = Array.from({ length: size }, () => null);
  for (const [code, position] of Object.entries(index)) {
    if (!Number.isInteger(position) || position < 0 || position >= size || codes[position] !== null)
      return null;
    codes[position] = code;
  }
  return codes.every((c) => c !== null) ? (codes as string[]) : null;
}

const AREA_IDS = ['area', 'geo', 'ref_area'];
const PERIOD_IDS = ['period', 'time', 'time_period', 'year'];
const INDICATOR_IDS = ['indicator', 'measure', 'metric', 'contents'];

/** Where a file's dataset is, and the dataset's header in the 2.0 shape. */
export interface JsonStatDataset {
  readonly header: JsonStatHeader;
  /** JSON path of `value` / `status` (`value`, or `<name>.value` in a 1.x bundle). */
  readonly valuePath: string;
  readonly statusPath: string;
}

/**
 * Finds the dataset of a JSON-stat document (everything but `value`/`status`): a 2.0 dataset,
 * or the only dataset of a 1.x bundle, whose `id`/`size`/`role` move out of `dimension`.
 */
export function jsonStatDataset(document: unknown): JsonStatDataset | { message: string } {
  if (!document || typeof document !== 'object' || Array.isArray(document))
    return { message: 'a JSON-stat file is a JSON object (a dataset)' };
  const doc = document as Record<string, unknown>;
  if (doc['class'] === 'bundle' || doc['class'] === 'collection')
    return { message: `a JSON-stat ${String(doc['class'])}: send a single dataset` };
  if (doc['class'] === 'dataset' || Array.isArray(doc['id']))
    return { header: doc as unknown as JsonStatHeader, valuePath: 'value', statusPath: 'status' };
  const datasets = Object.entries(doc).filter(([, v]) => {
    const dimension = (v as { dimension?: { id?: unknown } } | null)?.dimension;
    return !!dimension && Array.isArray(dimension.id);
  });
  if (datasets.length === 0)
    return {
      message: 'not a JSON-stat dataset: no "id"/"size" (2.0) and no dataset with "dimension.id" (1.x)',
    };
  if (datasets.length > 1)
    return {
      message: `the JSON-stat 1.x bundle holds ${datasets.length} datasets (${datasets.map(([k]) => k).join(', ')}): send one`,
    };
  const [name, raw] = datasets[0];
  const { id, size, role, ...dimensions } = (raw as { dimension: Record<string, unknown> }).dimension;
  const rest = raw as Record<string, unknown>;
  return {
    header: {
      version: '1.x',
      class: 'dataset',
      id: id as string[],
      size: size as number[],
      ...(role ? { role: role as JsonStatHeader['role'] } : {}),
      dimension: dimensions as Record<string, JsonStatDimension>,
      ...(typeof rest['label'] === 'string' ? { label: rest['label'] } : {}),
    },
    valuePath: `${name}.value`,
    statusPath: `${name}.status`,
  };
}

function roleDimensions(header: JsonStatHeader, mapping: DimensionMapping) {
  const pick = (role: 'geo' | 'time' | 'metric', mapped: string | undefined, ids: string[]) => {
    if (mapped !== undefined) return header.id[findDimension(header.id, mapped)];
    const byRole = header.role?.[role]?.find((d) => header.id.includes(d));
    return byRole ?? header.id.find((d) => ids.includes(d.toLowerCase()));
  };
  return {
    area: pick('geo', mapping.roles.area, AREA_IDS),
    period: pick('time', mapping.roles.period, PERIOD_IDS),
    indicator: pick('metric', mapping.roles.indicator, INDICATOR_IDS),
  };
}

export function jsonStatCube(
  header: JsonStatHeader,
  mapping: DimensionMapping = NO_MAPPING,
): JsonStatCubeResult {
  if (header.class !== undefined && header.class !== 'dataset')
    return { ok: false, message: `class "${header.class}" is not supported: send a JSON-stat dataset` };
  if (!Array.isArray(header.id) || !Array.isArray(header.size) || header.id.length !== header.size.length)
    return { ok: false, message: 'a JSON-stat dataset needs "id" and "size" arrays of equal length' };
  if (typeof header.dimension !== 'object' || header.dimension === null)
    return { ok: false, message: 'a JSON-stat dataset needs "dimension"' };
  const size = header.size.map(Number);
  if (size.some((n) => !Number.isInteger(n) || n < 0))
    return { ok: false, message: '"size" must list whole numbers' };
  const unknown = unknownMappedDimensions(header.id, mapping);
  if (unknown) return { ok: false, message: unknown };
  const { area: areaDim, period: periodDim, indicator: indicatorDim } = roleDimensions(header, mapping);
  const lacking = [
    ['area (role geo)', areaDim],
    ['period (role time)', periodDim],
    ['indicator (role metric)', indicatorDim],
  ].filter(([, d]) => d === undefined);
  if (lacking.length > 0)
    return {
      ok: false,
      message: `the dataset has no ${lacking.map(([n]) => n).join(', ')} dimension; map them (dimensions: ${header.id.join(', ')})`,
    };
  const codes: string[][] = [];
  /** Per dimension: the one position to read, or null for the three roles. */
  const fixedAt: (number | null)[] = [];
  const problems: string[] = [];
  for (const [k, id] of header.id.entries()) {
    const list = categoryCodes(header.dimension[id], size[k]);
    if (list === null)
      return { ok: false, message: `dimension "${id}": its categories do not match its size ${size[k]}` };
    codes.push(list);
    if (id === areaDim || id === periodDim || id === indicatorDim) {
      fixedAt.push(null);
      continue;
    }
    const fixedKey = Object.keys(mapping.fixed).find((d) => d.toLowerCase() === id.toLowerCase());
    if (fixedKey !== undefined) {
      const at = list.indexOf(mapping.fixed[fixedKey]);
      if (at < 0)
        problems.push(`dimension "${id}" has no category "${mapping.fixed[fixedKey]}" (${preview(list)})`);
      fixedAt.push(at);
    } else if (size[k] === 1) fixedAt.push(0);
    else {
      problems.push(
        `dimension "${id}" has ${size[k]} categories (${preview(list)}): fix it to one (${id}=${list[0]}) or map it to area, period or indicator`,
      );
      fixedAt.push(0);
    }
  }
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  const strides = size.map((_, k) => size.slice(k + 1).reduce((a, b) => a * b, 1));
  const total = size.reduce((a, b) => a * b, 1);
  const [a, p, ind] = [areaDim, periodDim, indicatorDim].map((d) => header.id.indexOf(d as string));
  const position = (n: number, k: number) => Math.floor(n / strides[k]) % size[k];
  return {
    ok: true,
    cube: {
      total,
      coordinates: (n) => {
        for (let k = 0; k < fixedAt.length; k++) {
          const at = fixedAt[k];
          if (at !== null && position(n, k) !== at) return null;
        }
        return {
          area: codes[a][position(n, a)],
          period: codes[p][position(n, p)],
          indicator: codes[ind][position(n, ind)],
        };
      },
    },
  };
}

function preview(list: readonly string[]): string {
  return list.length <= 8 ? list.join(', ') : `${list.slice(0, 8).join(', ')}, … ${list.length - 8} more`;
}

/** JSON-stat status symbols: `c` (confidential) → suppressed; `m`, `..`, `.` → missing. */
export function jsonStatStatus(symbol: unknown): 'suppressed' | 'missing' | undefined {
  if (typeof symbol !== 'string') return undefined;
  const s = symbol.trim().toLowerCase();
  if (s === 'c' || s === 'x' || s === 'suppressed') return 'suppressed';
  if (s === 'm' || s === '..' || s === '.' || s === 'missing') return 'missing';
  return undefined;
}

export interface CubeObservation {
  area: string;
  period: string;
  indicator: string;
  status: 'value' | 'suppressed' | 'missing';
  value: number | null;
}

/**
 * A JSON-stat 2.0 dataset over the given categories (dimensions `indicator`, `area`, `period`,
 * in that order). `value` and `status` use the sparse object form the format allows (position →
 * value), so a cube with few observations stays small; suppressed cells are null with status
 * `c`, missing ones null with `m`, cells without any observation are absent.
 */
export function buildJsonStat(
  categories: {
    indicators: { code: string; label: string }[];
    areas: { code: string; label: string }[];
    periods: string[];
  },
  observations: Iterable<CubeObservation>,
  label: string,
): Record<string, unknown> {
  const { indicators, areas, periods } = categories;
  const size = [indicators.length, areas.length, periods.length];
  const pos = (codes: string[]) => new Map(codes.map((c, i) => [c, i]));
  const ip = pos(indicators.map((i) => i.code));
  const ap = pos(areas.map((a) => a.code));
  const pp = pos(periods);
  const value: Record<string, number | null> = {};
  const status: Record<string, string> = {};
  for (const o of observations) {
    const i = ip.get(o.indicator);
    const a = ap.get(o.area);
    const p = pp.get(o.period);
    if (i === undefined || a === undefined || p === undefined) continue;
    const n = (i * size[1] + a) * size[2] + p;
    value[n] = o.status === 'value' ? o.value : null;
    if (o.status !== 'value') status[n] = o.status === 'suppressed' ? 'c' : 'm';
  }
  const category = (list: { code: string; label: string }[]) => ({
    index: list.map((x) => x.code),
    label: Object.fromEntries(list.map((x) => [x.code, x.label])),
  });
  return {
    version: '2.0',
    class: 'dataset',
    label,
    id: ['indicator', 'area', 'period'],
    size,
    role: { metric: ['indicator'], geo: ['area'], time: ['period'] },
    dimension: {
      indicator: { label: 'Indikator', category: category(indicators) },
      area: { label: 'Gebiet', category: category(areas) },
      period: { label: 'Zeitraum', category: category(periods.map((p) => ({ code: p, label: p }))) },
    },
    value,
    ...(Object.keys(status).length > 0 ? { status } : {}),
  };
}
