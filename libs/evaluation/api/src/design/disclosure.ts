import type {
  AggregateValue,
  BeforeAfterResult,
  BeforeAfterSeries,
  EvaluationNumbers,
} from '@quartier/evaluation-core';
import { isFailure } from '@quartier/evaluation-core';

/** An aggregate as shown: withheld when its counts could identify people. */
export type ShownAggregate = AggregateValue & { withheld?: true };

/**
 * Applies the indicators' publication rule to the before/after aggregates an evaluation shows:
 * an aggregate whose summed numerator is below the indicator's minimum (`minNumerator`, 0 =
 * none) loses its value and counts, and so does every change computed from it — the same
 * primary suppression the indicator service applies when it publishes single cells. Group
 * statistics (matching, balance, DiD) are left as they are.
 */
export function withholdSmallCounts(
  numbers: EvaluationNumbers,
  minNumerator: ReadonlyMap<string, number>,
): EvaluationNumbers {
  return {
    ...numbers,
    outcomes: numbers.outcomes.map((outcome) => {
      const minimum = minNumerator.get(outcome.indicator) ?? 0;
      if (minimum <= 0 || isFailure(outcome.beforeAfter)) return outcome;
      return { ...outcome, beforeAfter: withholdResult(outcome.beforeAfter, minimum) };
    }),
  };
}

function withholdResult(result: BeforeAfterResult, minimum: number): BeforeAfterResult {
  const programme = withholdSeries(result.programme, minimum);
  const reference = result.reference ? withholdSeries(result.reference, minimum) : null;
  return {
    ...result,
    programme,
    reference,
    differenceOfChanges:
      programme.change === null || (reference && reference.change === null)
        ? null
        : result.differenceOfChanges,
  };
}

function withholdSeries(series: BeforeAfterSeries, minimum: number): BeforeAfterSeries {
  const before = withhold(series.before, minimum);
  const after = withhold(series.after, minimum);
  return {
    ...series,
    series: series.series.map((point) => ({ ...point, ...withhold(point, minimum) })),
    before,
    after,
    change: before.withheld || after.withheld ? null : series.change,
  };
}

function withhold(aggregate: AggregateValue, minimum: number): ShownAggregate {
  if (aggregate.method !== 'ratio-of-sums' || aggregate.numerator === undefined) return aggregate;
  if (aggregate.numerator >= minimum) return aggregate;
  const { numerator: _numerator, denominator: _denominator, ...rest } = aggregate;
  return { ...rest, value: null, withheld: true };
}
