import { Injectable } from '@nestjs/common';
import { isInScope } from '@quartier/auth';
import { parsePeriod, splitAtStart } from '@quartier/contracts';
import {
  comparisonAreas,
  EvaluationError,
  matchNearestNeighbours,
  type EvaluationDesign,
  type SnapshotArea,
  type SnapshotInput,
  type SnapshotValue,
} from '@quartier/evaluation-core';
import type { ComparisonPoolView, StoredDesign, SurveyItemView } from '../design/design.dto';
import { EvaluationServiceError } from '../evaluation.errors';
import type { EvaluationRow } from '../evaluations/evaluation.repository';
import { RefsRepository, type AreaRow } from '../read-models/refs.repository';
import { EvidenceRepository, type IndicatorRefRow, type ValueRefRow } from './evidence.repository';
import { networkMeasuresOf, surveyAggregatesOf } from './evidence-facts';

/** The label of the reference series: the whole city (every area of the evaluated level). */
export const CITY_LABEL = 'city';

/** Everything an evaluation's numbers are computed from, as a snapshot would freeze it now. */
export interface CollectedEvidence {
  input: Omit<SnapshotInput, 'takenAt' | 'takenBy'>;
  treated: AreaRow[];
  level: string;
  /** Every area the snapshot lists, by code. */
  areas: Map<string, AreaRow>;
  indicators: IndicatorRefRow[];
  surveyItems: SurveyItemView[];
}

type Evaluation = Pick<
  EvaluationRow,
  | 'id'
  | 'tenantId'
  | 'objectKind'
  | 'programmeId'
  | 'measureId'
  | 'areaIds'
  | 'startPeriod'
  | 'comparisonPool'
>;

const areaFact = (area: AreaRow, parents: ReadonlyMap<string, AreaRow>): SnapshotArea => ({
  code: area.code,
  name: area.name,
  level: area.level,
  parent: area.parentId ? (parents.get(area.parentId)?.code ?? null) : null,
  population: area.population,
});

/** A replicated value as a snapshot lists it (under the area's code); also what live values are compared as. */
export const valueFact = (row: ValueRefRow, code: string): SnapshotValue => ({
  area: code,
  indicator: row.indicator,
  period: row.period,
  value: row.status === 'value' ? row.value : null,
  numerator: row.numerator,
  denominator: row.denominator,
  status: row.status === 'value' ? 'reported' : row.status,
});

/**
 * Gathers an evaluation's inputs from the read models: the evaluated areas (the programme's or
 * measure's current areas, or those chosen), the city as every area of their level and area
 * version (reference series and matching candidates), the outcome indicators' values before and
 * after the start, the matching indicators' baseline values, and the survey items and network
 * measures of the evaluated, comparison and enclosing areas.
 */
@Injectable()
export class EvidenceCollector {
  constructor(
    private readonly refs: RefsRepository,
    private readonly evidence: EvidenceRepository,
  ) {}

  /** The evaluation's comparison pool with the codes and names of its areas (null: city-wide). */
  async comparisonPool(
    evaluation: Pick<EvaluationRow, 'tenantId' | 'comparisonPool'>,
  ): Promise<ComparisonPoolView | null> {
    const pool = evaluation.comparisonPool;
    if (!pool) return null;
    const found = await this.refs.areas(evaluation.tenantId, pool);
    return {
      areaIds: pool,
      // An area that left the registry keeps its place under its id.
      areas: pool
        .map((id) => {
          const area = found.get(id);
          return { id, code: area?.code ?? id, name: area?.name ?? id };
        })
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  }

  /** The areas evaluated now. */
  async treatedAreaIds(evaluation: Evaluation): Promise<string[]> {
    const { tenantId } = evaluation;
    if (evaluation.objectKind === 'areas') return evaluation.areaIds;
    if (evaluation.objectKind === 'measure') {
      const measure = await this.refs.measure(tenantId, evaluation.measureId as string);
      if (!measure)
        throw new EvaluationServiceError('MeasureNotFound', `measure ${evaluation.measureId} not found`);
      return measure.areaIds;
    }
    const programme = await this.refs.programme(tenantId, evaluation.programmeId as string);
    if (!programme)
      throw new EvaluationServiceError('ProgrammeNotFound', `programme ${evaluation.programmeId} not found`);
    return programme.areaIds;
  }

  /**
   * Matching picks comparison areas only inside the evaluation's comparison pool (the editor's
   * area scope when the design was saved): matched city-wide, a Mitte evaluator's comparison
   * group would hold areas (and their values) outside what they may act on or read. The pool is
   * the evaluation's, never the reader's, so every reader sees the same matching. Without one the
   * pool stays open (candidatePool null, as in every earlier snapshot). Comparison areas chosen or
   * added by hand are not restricted here: the writes that set them check their scope.
   */
  async collect(evaluation: Evaluation, design: StoredDesign): Promise<CollectedEvidence> {
    const { tenantId } = evaluation;
    const treated = await this.treated(evaluation);
    const { level, versionId } = treated[0];
    const city = await this.refs.level(tenantId, level, versionId);
    const byId = new Map(city.map((a) => [a.id, a]));
    checkComparisonAreas(design, byId, new Set(treated.map((a) => a.id)), level);
    const pool = evaluation.comparisonPool;
    const candidatePool = pool
      ? city.filter((a) => isInScope(pool, [...a.path, a.id])).map((a) => a.code)
      : null;

    const on = design.matching?.on ?? [];
    const indicators = await this.indicators(tenantId, [...new Set([...design.outcomes, ...on])]);
    const { pre, post } = await this.periods(evaluation, design, city);
    const baseline = design.matching?.period ?? pre[pre.length - 1];
    const values = await this.values(tenantId, byId, [
      { indicators: design.outcomes, periods: [...pre, ...post] },
      { indicators: on, periods: [baseline] },
    ]);
    const code = (id: string) => byId.get(id)!.code;
    const snapshotDesign: EvaluationDesign = {
      outcomes: design.outcomes,
      pre,
      post,
      treated: treated.map((a) => a.code),
      matching: design.matching ? { on, period: baseline, k: design.matching.k, candidatePool } : null,
      comparison: design.comparisonAreaIds.map(code),
      adjustments: design.adjustments.map(({ action, areaId, reason, by, at }) => ({
        action,
        area: code(areaId),
        reason,
        by,
        at,
      })),
      reference: { label: CITY_LABEL, areas: city.map((a) => a.code) },
    };
    const comparison = effectiveComparison(snapshotDesign, values);
    const byCode = new Map(city.map((a) => [a.code, a]));
    const evidence = await this.surveyAndNetwork(tenantId, design, treated, [
      ...treated,
      ...comparison.map((c) => byCode.get(c)!),
    ]);
    const all = [...city, ...evidence.context];
    const parents = await this.refs.areas(tenantId, [
      ...new Set(all.map((a) => a.parentId).filter((id): id is string => id !== null)),
    ]);
    return {
      input: {
        tenant: tenantId,
        evaluation: evaluation.id,
        design: snapshotDesign,
        areas: all.map((a) => areaFact(a, parents)),
        periods: [...new Set([...pre, ...post, baseline])].sort(),
        indicators: indicators.map(({ minNumerator: _minimum, ...i }) => ({ ...i, formula: null })),
        values,
        surveyAggregates: evidence.surveyAggregates,
        networkMeasures: evidence.networkMeasures,
      },
      treated,
      level,
      areas: new Map(all.map((a) => [a.code, a])),
      indicators,
      surveyItems: evidence.surveyItems,
    };
  }

  /** Values of the indicators in the periods, for every area of the city, each cell once. */
  private async values(
    tenantId: string,
    city: ReadonlyMap<string, AreaRow>,
    wanted: readonly { indicators: readonly string[]; periods: readonly string[] }[],
  ): Promise<SnapshotValue[]> {
    const seen = new Set<string>();
    const values: SnapshotValue[] = [];
    for (const { indicators, periods } of wanted)
      for (const row of await this.evidence.values(tenantId, indicators, [...city.keys()], periods)) {
        const key = `${row.indicator}\u0000${row.period}\u0000${row.areaId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        values.push(valueFact(row, city.get(row.areaId)!.code));
      }
    return values;
  }

  /**
   * The chosen survey items and network measures of the evaluated and comparison areas and of
   * the areas enclosing the evaluated ones (district networks, survey results one level up).
   */
  private async surveyAndNetwork(
    tenantId: string,
    design: StoredDesign,
    treated: readonly AreaRow[],
    areas: readonly AreaRow[],
  ) {
    if (design.surveyItems.length + design.networkMeasures.length === 0)
      return { context: [], surveyAggregates: [], networkMeasures: [], surveyItems: [] };
    const known = new Set(areas.map((a) => a.id));
    const context = [
      ...(
        await this.refs.areas(
          tenantId,
          treated.flatMap((a) => a.path).filter((id) => !known.has(id)),
        )
      ).values(),
    ];
    const ids = [...areas, ...context].map((a) => a.id);
    const idToCode = new Map([...areas, ...context].map((a) => [a.id, a.code]));
    const surveyRows = await this.evidence.survey(tenantId, design.surveyItems, ids);
    const networkRows = design.networkMeasures.length > 0 ? await this.evidence.network(tenantId, ids) : [];
    return {
      context,
      surveyAggregates: surveyAggregatesOf(surveyRows, idToCode),
      networkMeasures: networkMeasuresOf(networkRows, design.networkMeasures, idToCode),
      surveyItems: surveyItemsOf(surveyRows),
    };
  }

  /** The evaluated areas, all of one level and area version (the city they are compared with). */
  private async treated(evaluation: Evaluation): Promise<AreaRow[]> {
    const ids = await this.treatedAreaIds(evaluation);
    if (ids.length === 0)
      throw new EvaluationServiceError(
        'NoTreatedAreas',
        `the ${evaluation.objectKind} has no areas to evaluate yet`,
        { object: evaluation.objectKind },
      );
    const found = await this.refs.areas(evaluation.tenantId, ids);
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0)
      throw new EvaluationServiceError('InvalidAreas', `area(s) ${unknown.join(', ')} no longer exist`, {
        field: 'areas',
        areaIds: unknown,
      });
    const treated = [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
    const kinds = new Set(treated.map((a) => `${a.level}\u0000${a.versionId}`));
    if (kinds.size > 1)
      throw new EvaluationServiceError(
        'InvalidAreas',
        `the evaluated areas must be of one level and area version (${treated.map((a) => `${a.code}: ${a.level}`).join(', ')})`,
        { field: 'areas', areas: treated.map((a) => ({ code: a.code, level: a.level })) },
      );
    return treated;
  }

  private async indicators(tenantId: string, codes: string[]): Promise<IndicatorRefRow[]> {
    if (codes.length === 0)
      throw new EvaluationServiceError(
        'DesignIncomplete',
        'choose outcome indicators or matching indicators in the design first',
        { field: 'design.outcomes' },
      );
    const rows = await this.evidence.indicators(tenantId, codes);
    const unknown = codes.filter((c) => !rows.some((r) => r.code === c));
    if (unknown.length > 0)
      throw new EvaluationServiceError('UnknownIndicator', `unknown indicator(s) ${unknown.join(', ')}`, {
        indicators: unknown,
      });
    return rows;
  }

  private async periods(
    evaluation: Evaluation,
    design: StoredDesign,
    city: readonly AreaRow[],
  ): Promise<{ pre: string[]; post: string[] }> {
    const start = evaluation.startPeriod;
    // Stored before the start period was checked against the period grammar (2025-W53 passed).
    if (!parsePeriod(start))
      throw new EvaluationServiceError('InvalidStartPeriod', `startPeriod: "${start}" is not a period`, {
        field: 'startPeriod',
      });
    const periods =
      design.periods ??
      (await this.evidence.periods(
        evaluation.tenantId,
        design.outcomes.length > 0 ? design.outcomes : (design.matching?.on ?? []),
        city.map((a) => a.id),
      ));
    const { pre, post } = splitAtStart(periods, start);
    const sorted = [...pre, ...post];
    for (const [list, side] of [
      [pre, 'before'],
      [post, 'from'],
    ] as const)
      if (list.length === 0)
        throw new EvaluationServiceError(
          'DesignIncomplete',
          `no period ${side} the start period ${start} ${design.periods ? 'is chosen' : 'has values'}`,
          { field: 'design.periods', startPeriod: start, periods: sorted },
        );
    return { pre, post };
  }
}

/** Chosen and added comparison areas must be areas of the city, and never evaluated ones. */
function checkComparisonAreas(
  design: StoredDesign,
  city: ReadonlyMap<string, AreaRow>,
  treated: ReadonlySet<string>,
  level: string,
): void {
  const ids = [...design.comparisonAreaIds, ...design.adjustments.map((a) => a.areaId)];
  const foreign = ids.filter((id) => !city.has(id));
  if (foreign.length > 0)
    throw new EvaluationServiceError(
      'InvalidAreas',
      `comparison area(s) ${[...new Set(foreign)].join(', ')} are not ${level} areas of the evaluated areas' area version`,
      { field: 'design.comparisonAreaIds', areaIds: [...new Set(foreign)] },
    );
  const both = [
    ...design.comparisonAreaIds,
    ...design.adjustments.filter((a) => a.action === 'add').map((a) => a.areaId),
  ].filter((id) => treated.has(id));
  if (both.length > 0)
    throw new EvaluationServiceError(
      'DesignConflict',
      `area(s) ${[...new Set(both)].map((id) => city.get(id)!.code).join(', ')} are evaluated and comparison areas at once: remove them from the comparison areas`,
      { field: 'design.comparisonAreaIds', areaIds: [...new Set(both)] },
    );
}

/** The comparison areas the numbers will use (matching may fail; then only chosen and added ones). */
function effectiveComparison(design: EvaluationDesign, values: readonly SnapshotValue[]): string[] {
  let matched: ReturnType<typeof matchNearestNeighbours>['pairs'] = [];
  if (design.matching) {
    const usable = values.map((v) => ({
      ...v,
      value: v.status === 'suppressed' || v.status === 'missing' ? null : v.value,
    }));
    const { on, period, k, candidatePool } = design.matching;
    try {
      matched = matchNearestNeighbours({
        values: usable,
        treated: design.treated,
        on,
        period,
        k,
        candidatePool: candidatePool ?? undefined,
      }).pairs;
    } catch (error) {
      // The numbers report the matching error; the evidence then covers the other comparison areas.
      if (!(error instanceof EvaluationError)) throw error;
    }
  }
  return comparisonAreas({
    treated: design.treated,
    matched,
    chosen: design.comparison,
    adjustments: design.adjustments,
  }).map((c) => c.area);
}

function surveyItemsOf(rows: readonly { item: string; name: string; question: string; measure: string }[]) {
  const items = new Map<string, SurveyItemView>();
  for (const r of rows)
    if (!items.has(r.item))
      items.set(r.item, { code: r.item, name: r.name, question: r.question, measure: r.measure });
  return [...items.values()].sort((a, b) => a.code.localeCompare(b.code));
}
