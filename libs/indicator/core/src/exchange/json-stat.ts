// JSON-stat 2.0 datasets (https://json-stat.org/format/): a cube whose `value` (and optional
// `status`) lists observations in row-major order over the dimensions in `id`. Quartier needs
// three dimensions — area, period, indicator — found by role (`geo`, `time`, `metric`) or by
// id; any other dimension must have exactly one category.

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
  class?: string;
  id: string[];
  size: number[];
  role?: { time?: string[]; geo?: string[]; metric?: string[] };
  dimension: Record<string, JsonStatDimension>;
}

export interface JsonStatCube {
  /** Coordinates of observation number `n` (0-based). */
  coordinates(n: number): { area: string; period: string; indicator: string };
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

export function jsonStatCube(header: JsonStatHeader): JsonStatCubeResult {
  if (header.class !== undefined && header.class !== 'dataset')
    return { ok: false, message: `class "${header.class}" is not supported: send a JSON-stat dataset` };
  if (!Array.isArray(header.id) || !Array.isArray(header.size) || header.id.length !== header.size.length)
    return { ok: false, message: 'a JSON-stat dataset needs "id" and "size" arrays of equal length' };
  if (typeof header.dimension !== 'object' || header.dimension === null)
    return { ok: false, message: 'a JSON-stat dataset needs "dimension"' };
  const pick = (role: 'geo' | 'time' | 'metric', ids: string[]) => {
    const byRole = header.role?.[role]?.find((d) => header.id.includes(d));
    return byRole ?? header.id.find((d) => ids.includes(d.toLowerCase()));
  };
  const areaDim = pick('geo', AREA_IDS);
  const periodDim = pick('time', PERIOD_IDS);
  const indicatorDim = pick('metric', INDICATOR_IDS);
  const lacking = [
    ['area (role geo)', areaDim],
    ['period (role time)', periodDim],
    ['indicator (role metric)', indicatorDim],
  ].filter(([, d]) => d === undefined);
  if (lacking.length > 0)
    return { ok: false, message: `the dataset has no ${lacking.map(([n]) => n).join(', ')} dimension` };
  const codes: string[][] = [];
  for (const [k, id] of header.id.entries()) {
    const list = categoryCodes(header.dimension[id], header.size[k]);
    if (list === null)
      return {
        ok: false,
        message: `dimension "${id}": its categories do not match its size ${header.size[k]}`,
      };
    if (id !== areaDim && id !== periodDim && id !== indicatorDim && header.size[k] !== 1)
      return {
        ok: false,
        message: `dimension "${id}" has ${header.size[k]} categories; besides area, period and indicator only single-category dimensions are supported`,
      };
    codes.push(list);
  }
  const strides = header.size.map((_, k) => header.size.slice(k + 1).reduce((a, b) => a * b, 1));
  const total = header.size.reduce((a, b) => a * b, 1);
  const [a, p, ind] = [areaDim, periodDim, indicatorDim].map((d) => header.id.indexOf(d as string));
  const at = (n: number, k: number) => codes[k][Math.floor(n / strides[k]) % header.size[k]];
  return {
    ok: true,
    cube: { total, coordinates: (n) => ({ area: at(n, a), period: at(n, p), indicator: at(n, ind) }) },
  };
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
