import { EvaluationError } from './evaluation-error';
import type { MatchedPair } from './matching';
import type { Group } from './values';

// The comparison areas an evaluation uses: the matched neighbours, then the evaluator's manual
// adjustments — each drop or addition with a reason, who made it and when, kept in order so the
// design can be read and reproduced later. Adjustments never rewrite the matching result.

export interface ComparisonAdjustment {
  action: 'drop' | 'add';
  area: string;
  /** Why, in the evaluator's words (shown in the report). */
  reason: string;
  /** User subject of the evaluator. */
  by: string;
  /** ISO 8601 timestamp, from the caller's clock. */
  at: string;
}

export interface ComparisonSet {
  treated: readonly string[];
  matched: readonly MatchedPair[];
  /** Comparison areas chosen directly instead of (or besides) matching; weight 1 each. */
  chosen?: readonly string[];
  adjustments: readonly ComparisonAdjustment[];
}

export interface ComparisonArea {
  area: string;
  /** Matched areas: how often they were matched; chosen and added areas: 1. */
  weight: number;
  origin: 'matched' | 'chosen' | 'added';
}

/**
 * The effective comparison areas after the adjustments: matched ones (by code), then chosen
 * ones in their order, then added ones in order.
 */
export function comparisonAreas(set: ComparisonSet): ComparisonArea[] {
  const areas = new Map<string, ComparisonArea>();
  const matched = new Map<string, number>();
  for (const { comparison } of set.matched) matched.set(comparison, (matched.get(comparison) ?? 0) + 1);
  for (const area of [...matched.keys()].sort())
    areas.set(area, { area, weight: matched.get(area)!, origin: 'matched' });
  for (const area of set.chosen ?? [])
    if (!areas.has(area)) areas.set(area, { area, weight: 1, origin: 'chosen' });
  for (const { action, area } of set.adjustments) {
    if (action === 'drop') areas.delete(area);
    else areas.set(area, { area, weight: 1, origin: 'added' });
  }
  return [...areas.values()];
}

/**
 * Records one adjustment and returns the new set (the input is not changed).
 * @throws EvaluationError `InvalidAdjustment`: blank reason, dropping an area that is not in the
 *   set, adding one that already is, adding a treated area, a malformed timestamp.
 */
export function adjustComparisonSet(set: ComparisonSet, adjustment: ComparisonAdjustment): ComparisonSet {
  const { action, area, reason, by, at } = adjustment;
  const fail = (message: string, field: string) =>
    new EvaluationError('InvalidAdjustment', message, { field, area, action });
  if (action !== 'drop' && action !== 'add')
    throw fail(`action "${action}" is neither "drop" nor "add"`, 'action');
  if (typeof area !== 'string' || area.trim() === '') throw fail('the area is empty', 'area');
  if (typeof reason !== 'string' || reason.trim() === '')
    throw fail(`${action === 'drop' ? 'dropping' : 'adding'} area "${area}" needs a reason`, 'reason');
  if (typeof by !== 'string' || by.trim() === '')
    throw fail('the evaluator making the change is not named', 'by');
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)))
    throw fail(`"${at}" is not an ISO 8601 timestamp`, 'at');
  const current = new Set(comparisonAreas(set).map((a) => a.area));
  if (action === 'drop' && !current.has(area))
    throw fail(`area "${area}" is not a comparison area, so it cannot be dropped`, 'area');
  if (action === 'add' && current.has(area))
    throw fail(`area "${area}" is already a comparison area`, 'area');
  if (action === 'add' && set.treated.includes(area))
    throw fail(`area "${area}" is a treated area and cannot also be a comparison area`, 'area');
  return { ...set, adjustments: [...set.adjustments, { action, area, reason: reason.trim(), by, at }] };
}

/** Group membership for a DiD or event study: treated areas and the effective comparison areas. */
export function designGroups(set: ComparisonSet): Map<string, Group> {
  const groups = new Map<string, Group>(set.treated.map((area) => [area, 'treated']));
  for (const { area } of comparisonAreas(set)) groups.set(area, 'comparison');
  return groups;
}

/** The effective comparison areas as weights for `balanceTable`. */
export function comparisonWeights(set: ComparisonSet): Map<string, number> {
  return new Map(comparisonAreas(set).map(({ area, weight }) => [area, weight]));
}
