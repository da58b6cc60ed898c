import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import { adjustComparisonSet, canonicalJson, isFailure } from '@quartier/evaluation-core';
import type { EntityManager } from 'typeorm';
import { EvaluationAccess } from '../access/evaluation-access.service';
import { EVALUATION_EDITORS } from '../evaluation.constants';
import { EvaluationServiceError } from '../evaluation.errors';
import { EvaluationEditor } from '../evaluations/evaluation-editor';
import type { EvaluationView } from '../evaluations/evaluation.dto';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { RefsRepository, type AreaRow } from '../read-models/refs.repository';
import type { AdjustmentInput, DesignInput, StoredDesign } from './design.dto';
import { ResultsService } from './results.service';

/**
 * The design of an evaluation: outcomes, periods, matching, comparison areas chosen directly,
 * evidence from surveys and networks, and the evaluator's manual drops and additions. Saving it
 * fixes the comparison pool from the editor's area scope. Every change lets go of the snapshot
 * (the numbers would no longer be the snapshot's).
 */
@Injectable()
export class DesignService {
  constructor(
    private readonly editor: EvaluationEditor,
    private readonly presenter: EvaluationsService,
    private readonly evidence: EvidenceRepository,
    private readonly refs: RefsRepository,
    private readonly results: ResultsService,
    private readonly access: EvaluationAccess,
  ) {}

  async replace(caller: Caller, id: string, input: DesignInput): Promise<EvaluationView> {
    const row = await this.editor.edit(
      caller,
      id,
      async ({ row, scope, manager }) => {
        const areas = await this.checkReferences(caller.tenantId, input, manager);
        // The comparison areas this design chooses anew or lets go; those it keeps stay as they were.
        const changed = changedMembership(row.design.comparisonAreaIds, input.comparisonAreaIds);
        this.access.assertAreasInScope(
          caller.access,
          scope,
          changed.map((areaId) => areas.get(areaId) ?? { id: areaId, path: [], code: areaId }),
          EVALUATION_EDITORS,
        );
        // The pool is this editor's area scope now: whoever reads later sees the same matching.
        const comparisonPool = this.access.comparisonPool(caller.access, scope);
        // Drops and additions were made against one matched set: a different matching voids them.
        const sameMatching =
          canonicalJson(row.design.matching) === canonicalJson(input.matching) &&
          canonicalJson(row.comparisonPool) === canonicalJson(comparisonPool);
        const design: StoredDesign = { ...input, adjustments: sameMatching ? row.design.adjustments : [] };
        return { design, comparisonPool };
      },
      { unfreeze: true },
    );
    return this.presenter.present(caller, row);
  }

  /** Drops a comparison area from, or adds one to, the effective comparison set, with a reason. */
  async adjust(caller: Caller, id: string, input: AdjustmentInput): Promise<EvaluationView> {
    const row = await this.editor.edit(
      caller,
      id,
      async ({ row, scope, manager, at }) => {
        // Checked against the comparison set the numbers use now (matched in the evaluation's pool, chosen, adjusted).
        const { snapshot, numbers } = await this.results.live(row, row.design, caller.subject);
        const { design } = snapshot.content;
        const area = (await this.refs.areas(caller.tenantId, [input.areaId], manager)).get(input.areaId);
        if (!area || !design.reference?.areas.includes(area.code))
          throw new EvaluationServiceError(
            'InvalidAreas',
            `areaId: ${area ? `${area.code} is not an area of the evaluated areas' level` : `unknown area ${input.areaId}`}`,
            { field: 'areaId', areaId: input.areaId },
          );
        // Adding and dropping alike change the comparison set in that area.
        this.access.assertAreasInScope(caller.access, scope, [area], EVALUATION_EDITORS);
        const adjustment = {
          action: input.action,
          reason: input.reason.trim(),
          by: caller.subject,
          at: at.toISOString(),
        };
        adjustComparisonSet(
          {
            treated: design.treated,
            matched: numbers.matching && !isFailure(numbers.matching) ? numbers.matching.pairs : [],
            chosen: design.comparison,
            adjustments: design.adjustments,
          },
          { ...adjustment, area: area.code },
        );
        return {
          design: {
            ...row.design,
            adjustments: [...row.design.adjustments, { ...adjustment, areaId: input.areaId }],
          },
        };
      },
      { unfreeze: true },
    );
    return this.presenter.present(caller, row);
  }

  /**
   * Outcomes, matching indicators and survey items must exist; comparison areas in the tenant
   * (returned, with their paths).
   */
  private async checkReferences(
    tenantId: string,
    input: DesignInput,
    manager: EntityManager,
  ): Promise<Map<string, AreaRow>> {
    const codes = [...new Set([...input.outcomes, ...(input.matching?.on ?? [])])];
    const known = new Set((await this.evidence.indicators(tenantId, codes)).map((i) => i.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length > 0)
      throw new EvaluationServiceError('UnknownIndicator', `unknown indicator(s) ${unknown.join(', ')}`, {
        field: input.outcomes.some((c) => unknown.includes(c)) ? 'outcomes' : 'matching.on',
        indicators: unknown,
      });
    if (input.surveyItems.length > 0) {
      const items = new Set((await this.evidence.surveyCatalogue(tenantId)).map((s) => s.code));
      const missing = input.surveyItems.filter((i) => !items.has(i));
      if (missing.length > 0)
        throw new EvaluationServiceError(
          'UnknownEvidence',
          `surveyItems: unknown survey item(s) ${missing.join(', ')}`,
          {
            field: 'surveyItems',
            items: missing,
          },
        );
    }
    const areas = await this.refs.areas(tenantId, input.comparisonAreaIds, manager);
    const foreign = input.comparisonAreaIds.filter((areaId) => !areas.has(areaId));
    if (foreign.length > 0)
      throw new EvaluationServiceError(
        'InvalidAreas',
        `comparisonAreaIds: unknown area(s) ${foreign.join(', ')}`,
        { field: 'comparisonAreaIds', areaIds: foreign },
      );
    return areas;
  }
}

/** Ids in one list but not the other. */
function changedMembership(before: readonly string[], after: readonly string[]): string[] {
  const was = new Set(before);
  const is = new Set(after);
  return [...after.filter((id) => !was.has(id)), ...before.filter((id) => !is.has(id))];
}
