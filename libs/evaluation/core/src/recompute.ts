import { balanceTable, type BalanceRow } from './balance';
import { beforeAfter, type BeforeAfterResult, type CountedValue } from './before-after';
import {
  comparisonAreas,
  comparisonWeights,
  designGroups,
  type ComparisonArea,
  type ComparisonSet,
} from './comparison-set';
import { differenceInDifferences, type DidResult } from './did';
import { EvaluationError, type EvaluationErrorCode } from './evaluation-error';
import { eventStudy, outcomePeriods, type EventStudyResult } from './event-study';
import { networkEvidence, surveyEvidence, type NetworkEvidence, type SurveyEvidence } from './evidence';
import { matchNearestNeighbours, type MatchResult } from './matching';
import { verifySnapshot } from './snapshot';
import type { EvidenceSnapshot } from './snapshot-schema';

// Every number of an evaluation, recomputed from its snapshot alone: matching, comparison set,
// balance, and per outcome indicator before/after, DiD and event study, plus survey and network
// series. Nothing outside the snapshot is read, so the numbers stay identical after new imports.
// A design that cannot be estimated for one indicator (too few areas with values, …) yields that
// indicator's error in place of its numbers instead of failing the whole evaluation.

export interface EvaluationFailure {
  error: { code: EvaluationErrorCode; message: string; details: Readonly<Record<string, unknown>> };
}

export interface OutcomeNumbers {
  indicator: string;
  beforeAfter: BeforeAfterResult | EvaluationFailure;
  did: DidResult | EvaluationFailure;
  eventStudy: EventStudyResult | EvaluationFailure;
}

export interface EvaluationNumbers {
  /** The snapshot the numbers come from. */
  snapshotHash: string;
  /** null when the comparison areas were chosen directly. */
  matching: MatchResult | EvaluationFailure | null;
  comparison: ComparisonArea[];
  /** null without matching (no candidate pool to compare with) or when matching failed. */
  balance: BalanceRow[] | null;
  outcomes: OutcomeNumbers[];
  survey: SurveyEvidence[];
  network: NetworkEvidence[];
}

export const isFailure = (result: object | null): result is EvaluationFailure =>
  !!result && 'error' in result;

function attempt<T>(compute: () => T): T | EvaluationFailure {
  try {
    return compute();
  } catch (error) {
    if (error instanceof EvaluationError)
      return { error: { code: error.code, message: error.message, details: error.details } };
    throw error;
  }
}

/**
 * Recomputes the evaluation from its snapshot.
 * @throws EvaluationError `InvalidSnapshot` when the snapshot does not match its hash.
 */
export function recomputeEvaluation(snapshot: EvidenceSnapshot): EvaluationNumbers {
  verifySnapshot(snapshot);
  const { design, indicators } = snapshot.content;
  // Suppressed and missing cells carry no usable value, whatever number is stored with them.
  const values: CountedValue[] = snapshot.content.values.map((v) => ({
    ...v,
    value: v.status === 'suppressed' || v.status === 'missing' ? null : v.value,
  }));

  const matching = design.matching
    ? attempt(() =>
        matchNearestNeighbours({
          values,
          period: design.matching!.period,
          treated: design.treated,
          on: design.matching!.on,
          k: design.matching!.k,
          candidatePool: design.matching!.candidatePool ?? undefined,
        }),
      )
    : null;
  const set: ComparisonSet = {
    treated: design.treated,
    matched: matching && !isFailure(matching) ? matching.pairs : [],
    chosen: design.comparison,
    adjustments: design.adjustments,
  };
  const balance =
    matching && !isFailure(matching)
      ? balanceTable({
          values,
          period: matching.period,
          on: matching.indicators,
          treated: design.treated,
          candidates: matching.candidates,
          matched: comparisonWeights(set),
        })
      : null;

  const groups = designGroups(set);
  const scaleOf = new Map(indicators.map((i) => [i.code, i.scale]));
  // Version 1 snapshots were frozen when every event study took the design's periods as they
  // are; their numbers are recomputed by that rule so that frozen numbers never change.
  const studyPeriods =
    snapshot.content.version === 1
      ? () => ({ pre: design.pre, post: design.post })
      : (indicator: string) => outcomePeriods(indicator, values, design.pre, design.post);
  const outcomes = design.outcomes.map((indicator) => {
    const study = { indicator, values, groups, pre: design.pre, post: design.post };
    return {
      indicator,
      beforeAfter: attempt(() =>
        beforeAfter({
          indicator,
          values,
          areas: design.treated,
          reference: design.reference ?? undefined,
          before: design.pre,
          after: design.post,
          scale: scaleOf.get(indicator)!,
        }),
      ),
      did: attempt(() => differenceInDifferences(study)),
      eventStudy: attempt(() => eventStudy({ ...study, ...studyPeriods(indicator) })),
    };
  });
  return {
    snapshotHash: snapshot.hash,
    matching,
    comparison: comparisonAreas(set),
    balance,
    outcomes,
    survey: surveyEvidence(snapshot.content.surveyAggregates),
    network: networkEvidence(snapshot.content.networkMeasures),
  };
}
