import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import {
  availableTransitions,
  rateCriterion,
  successBlockers,
  unratedCriteria,
  type DacCriterion,
} from '@quartier/evaluation-core';
import { Clock } from '@quartier/service-kit';
import { EvaluationAccess, type EvaluationScope } from '../access/evaluation-access.service';
import { EMPTY_DESIGN } from '../design/design.dto';
import { EVALUATION_EDITORS, EVALUATION_READERS } from '../evaluation.constants';
import { EvaluationServiceError } from '../evaluation.errors';
import { EvidenceCollector } from '../evidence/evidence-collector';
import { RefsRepository } from '../read-models/refs.repository';
import { SnapshotRepository } from '../snapshots/snapshot.repository';
import { EvaluationEditor } from './evaluation-editor';
import { EvaluationEvents } from './evaluation-events';
import type {
  CreateEvaluationInput,
  EvaluationList,
  EvaluationObjectView,
  EvaluationView,
  ListEvaluationsQuery,
  RatingInput,
  UpdateEvaluationInput,
} from './evaluation.dto';
import { EvaluationRepository, type EvaluationRow, type ObjectKind } from './evaluation.repository';

interface ResolvedObject {
  kind: ObjectKind;
  programmeId: string | null;
  measureId: string | null;
  areaIds: string[];
  /** The default start period: the programme's or measure's start year. */
  startYear: string | null;
  scope: EvaluationScope;
}

/** Evaluations: create, read within scope, change content, rate the DAC criteria. */
@Injectable()
export class EvaluationsService {
  constructor(
    private readonly evaluations: EvaluationRepository,
    private readonly access: EvaluationAccess,
    private readonly editor: EvaluationEditor,
    private readonly refs: RefsRepository,
    private readonly collector: EvidenceCollector,
    private readonly snapshots: SnapshotRepository,
    private readonly events: EvaluationEvents,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: ListEvaluationsQuery): Promise<EvaluationList> {
    const { rows, total } = await this.evaluations.list(
      caller.tenantId,
      this.access.listScope(caller.access),
      query,
    );
    const items: EvaluationView[] = [];
    for (const row of rows) items.push(await this.present(caller, row));
    return { items, total };
  }

  async get(caller: Caller, id: string): Promise<EvaluationView> {
    const { row } = await this.access.evaluation(caller, id, EVALUATION_READERS);
    return this.present(caller, row);
  }

  async create(caller: Caller, input: CreateEvaluationInput): Promise<EvaluationView> {
    const object = await this.resolveObject(caller, input.object);
    this.access.assert(caller.access, object.scope, EVALUATION_EDITORS);
    const startPeriod = input.startPeriod ?? object.startYear;
    if (!startPeriod)
      throw new EvaluationServiceError(
        'InvalidStartPeriod',
        `startPeriod: required for an evaluation of ${object.kind === 'areas' ? 'chosen areas' : `a ${object.kind} without a start date`}`,
        { field: 'startPeriod' },
      );
    const id = await this.evaluations.db.transaction(async (manager) => {
      if (await this.evaluations.titleTaken(manager, caller.tenantId, input.title))
        throw new EvaluationServiceError('EvaluationExists', `an evaluation titled ${input.title} exists`, {
          field: 'title',
        });
      const createdAt = this.clock.now();
      const created = await this.evaluations.insert(manager, {
        tenantId: caller.tenantId,
        title: input.title,
        objectKind: object.kind,
        programmeId: object.programmeId,
        measureId: object.measureId,
        areaIds: object.areaIds,
        startPeriod,
        questions: input.questions,
        design: EMPTY_DESIGN,
        comparisonPool: this.access.comparisonPool(caller.access, object.scope),
        createdBy: caller.subject,
        createdAt,
      });
      const row = (await this.evaluations.find(caller.tenantId, created, manager)) as EvaluationRow;
      await this.evaluations.addTransition(manager, created, {
        action: 'create',
        from: null,
        to: 'draft',
        by: caller.subject,
        at: createdAt,
        comment: '',
      });
      await this.events.created(manager, row);
      return created;
    });
    return this.get(caller, id);
  }

  async update(caller: Caller, id: string, input: UpdateEvaluationInput): Promise<EvaluationView> {
    const row = await this.editor.edit(caller, id, async ({ row, manager }) => {
      if (input.title && (await this.evaluations.titleTaken(manager, caller.tenantId, input.title, row.id)))
        throw new EvaluationServiceError('EvaluationExists', `an evaluation titled ${input.title} exists`, {
          field: 'title',
        });
      // A new start period splits the periods differently: the snapshot's numbers no longer apply.
      const restart = input.startPeriod !== undefined && input.startPeriod !== row.startPeriod;
      return {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.startPeriod !== undefined ? { startPeriod: input.startPeriod } : {}),
        ...(input.questions !== undefined ? { questions: input.questions } : {}),
        ...(input.findings !== undefined ? { findings: input.findings } : {}),
        ...(input.recommendations !== undefined ? { recommendations: input.recommendations } : {}),
        ...(restart ? { snapshotId: null } : {}),
      };
    });
    return this.present(caller, row);
  }

  /** Sets the rating of one criterion (replacing an earlier one), with justification and evidence. */
  async rate(caller: Caller, id: string, criterion: string, input: RatingInput): Promise<EvaluationView> {
    const row = await this.editor.edit(caller, id, ({ row }) => ({
      ratings: rateCriterion(row.ratings, {
        criterion: criterion as DacCriterion,
        rating: input.rating as 1 | 2 | 3 | 4,
        justification: input.justification,
        evidence: input.evidence,
      }),
    }));
    return this.present(caller, row);
  }

  async present(caller: Caller, row: EvaluationRow): Promise<EvaluationView> {
    const scope = await this.access.scopeOf(caller.tenantId, row);
    const roles = this.access.rolesFor(caller.access, scope);
    const actions = availableTransitions(row.status, roles)
      .filter((t) => !(t.action === 'finalise' && row.submittedBy === caller.subject))
      .map((t) => t.action);
    return {
      id: row.id,
      title: row.title,
      object: await this.objectView(caller.tenantId, row),
      startPeriod: row.startPeriod,
      status: row.status,
      questions: row.questions,
      ratings: row.ratings,
      unrated: unratedCriteria(row.ratings),
      successBlockers: successBlockers(row.ratings),
      findings: row.findings,
      recommendations: row.recommendations,
      design: row.design,
      comparisonPool: await this.collector.comparisonPool(row),
      snapshot: row.snapshotId ? await this.snapshots.info(row.id, row.snapshotId, row.snapshotId) : null,
      submittedBy: row.submittedBy,
      finalisedBy: row.finalisedBy,
      finalisedAt: row.finalisedAt ? new Date(row.finalisedAt).toISOString() : null,
      createdBy: row.createdBy,
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
      actions,
      editable: row.status !== 'final' && this.access.can(caller.access, scope, EVALUATION_EDITORS),
    };
  }

  private async objectView(tenantId: string, row: EvaluationRow): Promise<EvaluationObjectView> {
    const programme = row.programmeId ? await this.refs.programme(tenantId, row.programmeId) : null;
    const measure = row.measureId ? await this.refs.measure(tenantId, row.measureId) : null;
    // The programme or measure may have left the read model; its areas are then unknown.
    const areaIds =
      row.objectKind === 'areas' || (row.objectKind === 'programme' ? programme : measure)
        ? await this.collector.treatedAreaIds(row)
        : [];
    const areas = await this.refs.areas(tenantId, areaIds);
    return {
      kind: row.objectKind,
      programmeId: row.programmeId,
      programmeName: programme?.name ?? null,
      measureId: row.measureId,
      measureTitle: measure?.title ?? null,
      areas: [...areas.values()]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((a) => ({ id: a.id, code: a.code, name: a.name, level: a.level })),
    };
  }

  private async resolveObject(
    caller: Caller,
    object: CreateEvaluationInput['object'],
  ): Promise<ResolvedObject> {
    const { tenantId } = caller;
    switch (object.kind) {
      case 'programme': {
        const programme = await this.refs.programme(tenantId, object.programmeId);
        if (!programme)
          throw new EvaluationServiceError('ProgrammeNotFound', `programme ${object.programmeId} not found`, {
            field: 'object.programmeId',
          });
        const from = programme.fundingPeriods.map((p) => p.from).sort()[0];
        return {
          kind: 'programme',
          programmeId: programme.id,
          measureId: null,
          areaIds: [],
          startYear: from ? from.slice(0, 4) : null,
          scope: {
            kind: 'programme',
            programmeId: programme.id,
            areas: await this.access.scopedAreas(tenantId, programme.areaIds),
          },
        };
      }
      case 'measure': {
        const measure = await this.refs.measure(tenantId, object.measureId);
        if (!measure)
          throw new EvaluationServiceError('MeasureNotFound', `measure ${object.measureId} not found`, {
            field: 'object.measureId',
          });
        const start = measure.actualStart ?? measure.plannedStart;
        return {
          kind: 'measure',
          programmeId: measure.programmeId,
          measureId: measure.id,
          areaIds: [],
          startYear: start ? start.slice(0, 4) : null,
          scope: {
            kind: 'programme',
            programmeId: measure.programmeId,
            areas: await this.access.scopedAreas(tenantId, measure.areaIds),
          },
        };
      }
      case 'areas': {
        const ids = [...new Set(object.areaIds)];
        const found = await this.refs.areas(tenantId, ids);
        const unknown = ids.filter((areaId) => !found.has(areaId));
        if (unknown.length > 0)
          throw new EvaluationServiceError(
            'InvalidAreas',
            `object.areaIds: unknown area(s) ${unknown.join(', ')}`,
            {
              field: 'object.areaIds',
              areaIds: unknown,
            },
          );
        return {
          kind: 'areas',
          programmeId: null,
          measureId: null,
          areaIds: ids,
          startYear: null,
          scope: { kind: 'areas', areas: [...found.values()] },
        };
      }
    }
  }
}
