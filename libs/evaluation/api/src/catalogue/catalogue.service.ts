import { Injectable } from '@nestjs/common';
import { assertCanAct, scopeProgrammes, type Caller } from '@quartier/auth';
import { DAC_CRITERIA, RATING_SCALE, STATUS_LABELS, WORKFLOW_TRANSITIONS } from '@quartier/evaluation-core';
import { EVALUATION_READERS } from '../evaluation.constants';
import { EvaluationServiceError } from '../evaluation.errors';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { RefsRepository } from '../read-models/refs.repository';
import type { CriteriaView, EvidenceSourcesView, MeasureRefView, ProgrammeRefView } from './catalogue.dto';

/** What an evaluator chooses from: criteria and scale, programmes and measures, evidence sources. */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly refs: RefsRepository,
    private readonly evidence: EvidenceRepository,
  ) {}

  criteria(): CriteriaView {
    return {
      criteria: DAC_CRITERIA,
      scale: RATING_SCALE,
      statuses: Object.entries(STATUS_LABELS).map(([code, label]) => ({
        code: code as keyof typeof STATUS_LABELS,
        label,
      })),
      transitions: WORKFLOW_TRANSITIONS,
    };
  }

  async programmes(
    caller: Caller,
    page: { limit: number; offset: number },
  ): Promise<{ items: ProgrammeRefView[]; total: number }> {
    const scope = scopeProgrammes(caller.access.principal, caller.access.assignments, EVALUATION_READERS);
    const { rows, total } = await this.refs.programmes(caller.tenantId, scope, page);
    return { items: rows, total };
  }

  async measures(
    caller: Caller,
    programmeId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: MeasureRefView[]; total: number }> {
    const programme = await this.refs.programme(caller.tenantId, programmeId);
    if (!programme)
      throw new EvaluationServiceError('ProgrammeNotFound', `programme ${programmeId} not found`);
    assertCanAct(caller.access.principal, caller.access.assignments, EVALUATION_READERS, { programmeId });
    const { rows, total } = await this.refs.measures(caller.tenantId, programmeId, page);
    return { items: rows, total };
  }

  async evidenceSources(caller: Caller): Promise<EvidenceSourcesView> {
    const indicators = await this.evidence.indicatorCatalogue(caller.tenantId);
    return {
      indicators: indicators.map(({ minNumerator: _minimum, ...indicator }) => indicator),
      surveyItems: await this.evidence.surveyCatalogue(caller.tenantId),
      networkMeasures: await this.evidence.networkCatalogue(caller.tenantId),
    };
  }
}
