import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import {
  buildSnapshot,
  EvaluationError,
  recomputeEvaluation,
  type EvaluationNumbers,
  type EvidenceSnapshot,
} from '@quartier/evaluation-core';
import { Clock } from '@quartier/service-kit';
import { LRUCache } from 'lru-cache';
import { EvaluationAccess } from '../access/evaluation-access.service';
import { EVALUATION_READERS } from '../evaluation.constants';
import { EvaluationServiceError } from '../evaluation.errors';
import type { EvaluationRow } from '../evaluations/evaluation.repository';
import { EvidenceCollector, type CollectedEvidence } from '../evidence/evidence-collector';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { RefsRepository } from '../read-models/refs.repository';
import { SnapshotRepository } from '../snapshots/snapshot.repository';
import type { StoredDesign, EvaluationResultsView, ResultAreaView } from './design.dto';
import { withholdSmallCounts } from './disclosure';

/**
 * Every number of an evaluation. With a snapshot they are recomputed from the snapshot alone
 * (so they stay identical whatever is imported later); without one, from the live read models
 * gathered exactly as a snapshot taken now would freeze them.
 */
@Injectable()
export class ResultsService {
  /** Recomputations by content hash: equal evidence gives equal numbers. */
  private readonly numbers = new LRUCache<string, EvaluationNumbers>({ max: 64 });

  constructor(
    private readonly access: EvaluationAccess,
    private readonly collector: EvidenceCollector,
    private readonly snapshots: SnapshotRepository,
    private readonly evidence: EvidenceRepository,
    private readonly refs: RefsRepository,
    private readonly clock: Clock,
  ) {}

  async results(caller: Caller, id: string): Promise<EvaluationResultsView> {
    const { row } = await this.access.evaluation(caller, id, EVALUATION_READERS);
    if (row.snapshotId) {
      const snapshot = await this.snapshots.load(row.id, row.snapshotId);
      if (!snapshot) throw new EvaluationServiceError('NoSnapshot', `snapshot ${row.snapshotId} not found`);
      const info = await this.snapshots.info(row.id, row.snapshotId, row.snapshotId);
      return { ...(await this.present(row, snapshot, 'snapshot')), snapshot: info };
    }
    // Matched in the evaluation's comparison pool, not the reader's scope: the same for every reader.
    const snapshot = this.freeze(await this.collector.collect(row, row.design), caller.subject);
    return this.present(row, snapshot, 'live');
  }

  /** The evidence as a snapshot taken now by `subject` (validated and hashed like a stored one). */
  freeze(collected: CollectedEvidence, subject: string): EvidenceSnapshot {
    try {
      return buildSnapshot({ ...collected.input, takenAt: this.clock.now().toISOString(), takenBy: subject });
    } catch (error) {
      // The read models hold something a snapshot cannot carry (a negative count, a value twice).
      if (error instanceof EvaluationError && error.code === 'InvalidSnapshot')
        throw new EvaluationServiceError(
          'InvalidEvidence',
          `the live evidence is not usable: ${error.message}`,
          {
            ...error.details,
          },
        );
      throw error;
    }
  }

  /** The evidence and numbers of a design now, from the live read models. */
  async live(
    row: EvaluationRow,
    design: StoredDesign,
    subject: string,
  ): Promise<{ collected: CollectedEvidence; snapshot: EvidenceSnapshot; numbers: EvaluationNumbers }> {
    const collected = await this.collector.collect(row, design);
    const snapshot = this.freeze(collected, subject);
    return { collected, snapshot, numbers: this.recompute(snapshot) };
  }

  recompute(snapshot: EvidenceSnapshot): EvaluationNumbers {
    const cached = this.numbers.get(snapshot.hash);
    if (cached) return cached;
    const numbers = recomputeEvaluation(snapshot);
    this.numbers.set(snapshot.hash, numbers);
    return numbers;
  }

  private async present(
    row: EvaluationRow,
    snapshot: EvidenceSnapshot,
    source: 'snapshot' | 'live',
  ): Promise<EvaluationResultsView> {
    const { content } = snapshot;
    const numbers = this.recompute(snapshot);
    const live = await this.evidence.indicators(
      row.tenantId,
      content.indicators.map((i) => i.code),
    );
    const minNumerator = new Map(live.map((i) => [i.code, i.minNumerator]));
    const reference = content.design.reference;
    const level = content.areas.find((a) => a.code === content.design.treated[0])?.level ?? '';
    return {
      evaluationId: row.id,
      source,
      evidenceHash: snapshot.hash,
      snapshot: null,
      startPeriod: row.startPeriod,
      pre: content.design.pre,
      post: content.design.post,
      indicators: content.indicators,
      reference: reference ? { label: reference.label, level, areaCount: reference.areas.length } : null,
      areas: await this.areas(row.tenantId, snapshot, numbers),
      numbers: withholdSmallCounts(numbers, minNumerator),
      surveyItems: await this.surveyItems(row.tenantId, snapshot),
      // A design change lets go of the snapshot, so the evaluation's pool is also the snapshot's.
      comparisonPool: await this.collector.comparisonPool(row),
    };
  }

  /**
   * Evaluated, comparison and context areas with their registry ids now (for the map): those of
   * the area version current on the clock's day.
   */
  private async areas(
    tenantId: string,
    snapshot: EvidenceSnapshot,
    numbers: EvaluationNumbers,
  ): Promise<ResultAreaView[]> {
    const { content } = snapshot;
    const roles = new Map<string, ResultAreaView['role']>();
    for (const code of content.design.treated) roles.set(code, 'treated');
    for (const { area } of numbers.comparison) roles.set(area, 'comparison');
    const city = new Set(content.design.reference?.areas ?? []);
    for (const area of content.areas) if (!city.has(area.code)) roles.set(area.code, 'context');
    const facts = content.areas.filter((a) => roles.has(a.code));
    const live = await this.refs.byCodes(
      tenantId,
      facts.map((a) => a.code),
      this.clock.today(),
    );
    const idOf = new Map(live.map((a) => [`${a.level}\u0000${a.code}`, a.id]));
    return facts.map((a) => ({
      id: idOf.get(`${a.level}\u0000${a.code}`) ?? null,
      code: a.code,
      name: a.name,
      level: a.level,
      population: a.population,
      role: roles.get(a.code)!,
    }));
  }

  private async surveyItems(tenantId: string, snapshot: EvidenceSnapshot) {
    const items = new Set(snapshot.content.surveyAggregates.map((s) => s.item));
    if (items.size === 0) return [];
    const catalogue = await this.evidence.surveyCatalogue(tenantId);
    return catalogue
      .filter((c) => items.has(c.code))
      .map(({ code, name, question, measure }) => ({ code, name, question, measure }));
  }
}
