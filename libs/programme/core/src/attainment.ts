import type { EvidenceBaseline, EvidenceSource, EvidenceTarget, Polarity } from './impact-model/evidence';
import { ProgrammeError } from './programme-error';

// Attainment of an impact-model target: raw = (actual − baseline) / (target − baseline), shown
// raw and capped to [0, 1], with a traffic light from the programme's thresholds. Every case in
// which no honest number exists is an explicit state with a reason — never NaN, never a zero
// standing in for "suppressed" or "missing" (DOMAIN.md keeps those three apart).

export type TrafficLight = 'green' | 'amber' | 'red';

/** Per programme: capped attainment ≥ green → green, ≥ amber → amber, else red. */
export interface TrafficLightThresholds {
  readonly green: number;
  readonly amber: number;
}

export const DEFAULT_TRAFFIC_LIGHT_THRESHOLDS: TrafficLightThresholds = { green: 0.8, amber: 0.4 };

/**
 * Validates thresholds from a programme's settings: 0 < amber < green ≤ 1 (an amber of 0 would
 * make red unreachable, equal values would make amber unreachable).
 * @throws ProgrammeError `InvalidThresholds` naming the field.
 */
export function parseTrafficLightThresholds(input: unknown): TrafficLightThresholds {
  const fail = (field: string, reason: string): never => {
    throw new ProgrammeError('InvalidThresholds', `traffic-light thresholds: ${field} ${reason}`, { field }, [
      { path: field, reason },
    ]);
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return fail('thresholds', 'must be an object {green, amber}');
  const { green, amber } = input as Record<string, unknown>;
  for (const [field, value] of [
    ['green', green],
    ['amber', amber],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, 'must be a finite number');
  }
  const g = green as number;
  const a = amber as number;
  if (g <= 0 || g > 1) fail('green', `must lie in (0, 1] (got ${g})`);
  if (a <= 0 || a >= g) fail('amber', `must lie in (0, green) = (0, ${g}) (got ${a})`);
  return { green: g, amber: a };
}

/** The actual value the evidence source delivered for a period — or why there is none. */
export type ActualObservation =
  | {
      readonly status: 'value';
      readonly value: number;
      readonly period: string;
      /** Where the value came from, for the explanation (import id, index run, survey wave). */
      readonly origin?: string;
    }
  /** Published with the value withheld (small counts, k-anonymity): not zero, not missing. */
  | { readonly status: 'suppressed'; readonly period: string; readonly origin?: string }
  /** The source has no value for the period (not yet imported, area not covered). */
  | { readonly status: 'missing'; readonly period?: string };

export type AttainmentState =
  | 'measured'
  /** The target lies on the worse side of the baseline for the binding's polarity. */
  | 'target-against-polarity'
  | 'target-equals-baseline'
  | 'no-actual'
  | 'suppressed';

export interface AttainmentReason {
  readonly code: Exclude<AttainmentState, 'measured'>;
  /** English explanation; the portal translates by `code`. */
  readonly message: string;
}

interface AttainmentContext {
  readonly baseline: EvidenceBaseline;
  readonly target: EvidenceTarget;
  readonly polarity: Polarity;
  readonly source: EvidenceSource;
  readonly actual: ActualObservation | null;
}

export type Attainment =
  | (AttainmentContext & {
      readonly state: 'measured';
      readonly raw: number;
      readonly capped: number;
      readonly light: TrafficLight;
      readonly reason: null;
    })
  | (AttainmentContext & {
      readonly state: Exclude<AttainmentState, 'measured'>;
      /** Still computed for a target against the polarity when an actual exists, for the explanation. */
      readonly raw: number | null;
      readonly capped: number | null;
      readonly light: null;
      readonly reason: AttainmentReason;
    });

export interface AttainmentInput {
  readonly binding: {
    readonly baseline: EvidenceBaseline;
    readonly target: EvidenceTarget;
    readonly polarity: Polarity;
    readonly source: EvidenceSource;
  };
  readonly actual: ActualObservation | null | undefined;
  readonly thresholds?: TrafficLightThresholds;
}

/**
 * Computes the attainment of one evidence binding.
 * Precedence of states: target = baseline (no scale), target against polarity (a modelling
 * error worth seeing before any data), no actual, suppressed actual, measured.
 * @throws ProgrammeError `InvalidAttainmentInput` for non-finite baseline, target or actual.
 */
export function computeAttainment(input: AttainmentInput): Attainment {
  const { baseline, target, polarity, source } = input.binding;
  const actual = input.actual ?? null;
  const thresholds = input.thresholds ?? DEFAULT_TRAFFIC_LIGHT_THRESHOLDS;
  finite('baseline.value', baseline.value);
  finite('target.value', target.value);
  if (actual?.status === 'value') finite('actual.value', actual.value);
  const context: AttainmentContext = { baseline, target, polarity, source, actual };
  const without = (
    code: AttainmentReason['code'],
    message: string,
    raw: number | null = null,
  ): Attainment => ({
    ...context,
    state: code,
    raw,
    capped: raw === null ? null : clamp(raw),
    light: null,
    reason: { code, message },
  });

  if (target.value === baseline.value)
    return without(
      'target-equals-baseline',
      `the target (${target.value}) equals the baseline (${baseline.value} in ${baseline.period}): there is no distance to attain`,
    );
  const raw = actual?.status === 'value' ? rawAttainment(actual.value, baseline.value, target.value) : null;
  const improving =
    polarity === 'higher-is-better' ? target.value > baseline.value : target.value < baseline.value;
  if (!improving)
    return without(
      'target-against-polarity',
      `the target (${target.value}) is ${target.value > baseline.value ? 'above' : 'below'} the baseline (${baseline.value}) although ${polarity === 'higher-is-better' ? 'higher' : 'lower'} values are better: check the target or the polarity`,
      raw,
    );
  if (actual === null || actual.status === 'missing')
    return without('no-actual', actual?.period ? `no value for ${actual.period} yet` : 'no actual value yet');
  if (actual.status === 'suppressed')
    return without(
      'suppressed',
      `the value for ${actual.period} is suppressed for confidentiality (small counts)`,
    );
  const capped = clamp(raw as number);
  return {
    ...context,
    state: 'measured',
    raw: raw as number,
    capped,
    light: lightFor(capped, thresholds),
    reason: null,
  };
}

/** Attainment per actual, in the order given (the sparkline of a binding). */
export function attainmentSeries(
  binding: AttainmentInput['binding'],
  actuals: readonly ActualObservation[],
  thresholds?: TrafficLightThresholds,
): Attainment[] {
  return actuals.map((actual) => computeAttainment({ binding, actual, thresholds }));
}

/** The light for a capped attainment. */
export function lightFor(capped: number, thresholds: TrafficLightThresholds): TrafficLight {
  return capped >= thresholds.green ? 'green' : capped >= thresholds.amber ? 'amber' : 'red';
}

/**
 * (actual − baseline) / (target − baseline), rounded to 12 decimals: decimal inputs carry
 * binary noise (8.4 − 10 = −1.5999999999999996), which must not push 0.8 below a 0.8 threshold.
 */
function rawAttainment(actual: number, baseline: number, target: number): number {
  const raw = (actual - baseline) / (target - baseline);
  return Math.round(raw * 1e12) / 1e12 + 0; // + 0 turns −0 into 0
}

function clamp(raw: number): number {
  return Math.min(1, Math.max(0, raw));
}

function finite(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ProgrammeError(
      'InvalidAttainmentInput',
      `${field} must be a finite number (got ${value})`,
      { field },
      [{ path: field, reason: 'must be a finite number' }],
    );
}
