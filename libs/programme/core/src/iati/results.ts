import type { ActualObservation } from '../attainment';
import type { EvidenceBinding, EvidenceSource } from '../impact-model/evidence';
import type { ImpactModel } from '../impact-model/model';
import type { IatiResult, IatiResultPeriodValue } from './types';

export interface IatiResultsOptions {
  /** The actual values per binding id, in period order (from the evidence sources). */
  readonly actuals: ReadonlyMap<string, readonly ActualObservation[]>;
  /** Indicator titles for bindings without a label (e.g. the indicator's name in the portal language). */
  readonly titleOf?: (binding: EvidenceBinding) => string | undefined;
  /** Whether a binding's values are percentages (IATI indicator measure 2); default unit. */
  readonly isPercentage?: (binding: EvidenceBinding) => boolean;
}

/**
 * The IATI results of a measure's impact model: one result per outcome or impact node with
 * evidence, one indicator per binding, baseline/target/actual per period. Missing actuals are
 * left out; suppressed ones become periods without an actual.
 */
export function iatiResultsFromImpactModel(model: ImpactModel, options: IatiResultsOptions): IatiResult[] {
  return model.nodes
    .filter((n) => (n.type === 'outcome' || n.type === 'impact') && n.bindings.length > 0)
    .map((node) => ({
      type: node.type === 'impact' ? 'impact' : 'outcome',
      title: node.title,
      ...(node.description ? { description: node.description } : {}),
      indicators: node.bindings.map((binding) => ({
        title: binding.label ?? options.titleOf?.(binding) ?? sourceReference(binding.source),
        measure: options.isPercentage?.(binding) ? 'percentage' : 'unit',
        ascending: binding.polarity === 'higher-is-better',
        baseline: { period: binding.baseline.period, value: binding.baseline.value },
        target: { date: binding.target.date, value: binding.target.value },
        actuals: (options.actuals.get(binding.id) ?? []).flatMap((a): IatiResultPeriodValue[] =>
          a.status === 'value'
            ? [{ period: a.period, value: a.value }]
            : a.status === 'suppressed'
              ? [{ period: a.period, value: null }]
              : [],
        ),
      })),
    }));
}

/** A technical name for a source when nothing better is known ("S4", "survey-1/q3: mean"). */
export function sourceReference(source: EvidenceSource): string {
  switch (source.kind) {
    case 'indicator':
      return source.indicatorCode;
    case 'survey':
      return `${source.surveyId}/${source.question}: ${source.measure.kind === 'mean' ? 'mean' : `share ${source.measure.options.join(', ')}`}`;
    case 'network':
      return `${source.networkId}: ${source.measure.metric}${source.measure.kind === 'actors' ? ` (${source.measure.actorIds.length} actors)` : ''}`;
  }
}
