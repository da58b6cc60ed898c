import type { DemoCity } from './city';
import { normal, seededRandom } from './random';

/**
 * The hidden social geography the indicators, the survey and the network are drawn from: a
 * status per planning area (standardised, higher = more disadvantaged) made of a few
 * disadvantaged neighbourhoods (an old working-class quarter near the centre, large housing
 * estates on the edge), a few affluent ones and local noise; and a yearly trend — the inner
 * city gentrifies, the estates on the edge fall behind.
 */
export interface SocialModel {
  /** Status in the first year, mean 0 and standard deviation 1 over the planning areas. */
  readonly status: ReadonlyMap<string, number>;
  /** Change of the status per year. */
  readonly trend: ReadonlyMap<string, number>;
}

interface Bump {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly amplitude: number;
}

export function socialModel(city: DemoCity, seed = city.seed + 7): SocialModel {
  const random = seededRandom(seed);
  const radius = city.radiusMetres;
  const place = (minCentrality: number, maxCentrality: number) => {
    const r = radius * (minCentrality + random() * (maxCentrality - minCentrality));
    const a = random() * 2 * Math.PI;
    return { x: r * Math.cos(a), y: r * Math.sin(a) };
  };
  const many = Math.max(1, Math.round(city.planningAreas.length / 60));
  const bumps: Bump[] = [
    { ...place(0.2, 0.45), width: 0.16 * radius, amplitude: 1.5 },
    ...Array.from({ length: 2 * many }, () => ({
      ...place(0.6, 0.95),
      width: (0.08 + random() * 0.08) * radius,
      amplitude: 1.2 + random() * 0.6,
    })),
    ...Array.from({ length: 2 * many }, () => ({
      ...place(0.3, 0.9),
      width: (0.1 + random() * 0.08) * radius,
      amplitude: -(0.9 + random() * 0.5),
    })),
  ];
  const raw = city.planningAreas.map((area) => {
    const bumped = bumps.reduce(
      (sum, b) =>
        sum + b.amplitude * Math.exp(-((area.x - b.x) ** 2 + (area.y - b.y) ** 2) / (2 * b.width ** 2)),
      0,
    );
    return bumped + 0.45 * normal(random);
  });
  const mean = raw.reduce((s, v) => s + v, 0) / raw.length;
  const sd = Math.sqrt(raw.reduce((s, v) => s + (v - mean) ** 2, 0) / raw.length) || 1;
  const status = new Map<string, number>();
  const trend = new Map<string, number>();
  city.planningAreas.forEach((area, i) => {
    const z = (raw[i] - mean) / sd;
    status.set(area.code, z);
    const gentrifying = area.centrality < 0.45 && z > 0;
    const estate = area.centrality > 0.6 && z > 0.8;
    const drift = gentrifying ? -0.09 : estate ? 0.05 : 0;
    trend.set(area.code, drift + 0.015 * normal(random));
  });
  return { status, trend };
}
