import { Injectable } from '@nestjs/common';
import { canAct, scopeAreas, type Caller } from '@quartier/auth';
import {
  ProgrammeError,
  availableActions,
  transitionMeasure,
  type MeasureRole,
} from '@quartier/programme-core';
import { OutboxWriter } from '@quartier/messaging';
import { Clock } from '@quartier/service-kit';
import type { EntityManager } from 'typeorm';
import { ProgrammeAccess, type AreaRef } from '../access/programme-access.service';
import { MEASURE_EDITORS, PROGRAMME_MANAGERS, PROGRAMME_READERS } from '../programme.constants';
import { ProgrammeServiceError } from '../programme.errors';
import { budgetProblems } from '../programmes/programmes.service';
import type {
  CreateMeasureInput,
  ExpendituresInput,
  ListMeasuresQuery,
  MeasureView,
  TransitionInput,
  UpdateMeasureInput,
} from './measure.dto';
import { MeasureChecks } from './measure-checks';
import { MeasureRepository, type MeasureRow } from './measure.repository';

const WORKFLOW_ROLES: readonly MeasureRole[] = ['tenant-admin', 'programme-manager', 'planner'];

/**
 * Measures of a programme: proposal, editing, the workflow with its audit trail, expenditures.
 * Every area a measure sets is checked against the caller's scope within the programme, and a
 * change that commits money is checked against the programme's budget per year × line.
 */
@Injectable()
export class MeasuresService {
  constructor(
    private readonly measures: MeasureRepository,
    private readonly access: ProgrammeAccess,
    private readonly checks: MeasureChecks,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, programmeId: string, query: ListMeasuresQuery) {
    await this.access.programme(caller, programmeId, PROGRAMME_READERS);
    const scope = scopeAreas(caller.access.principal, caller.access.assignments, PROGRAMME_READERS, {
      programmeId,
    });
    const { rows, total } = await this.measures.list(programmeId, query, scope);
    return { items: await this.present(caller, rows), total };
  }

  /** Every measure of the programme the caller may read (rows, unpresented: for overviews). */
  async visibleRows(caller: Caller, programmeId: string): Promise<MeasureRow[]> {
    const scope = scopeAreas(caller.access.principal, caller.access.assignments, PROGRAMME_READERS, {
      programmeId,
    });
    return (await this.measures.list(programmeId, { limit: 100_000, offset: 0 }, scope)).rows;
  }

  async get(caller: Caller, measureId: string): Promise<MeasureView> {
    const { measure } = await this.load(caller, measureId, PROGRAMME_READERS);
    return (await this.present(caller, [measure]))[0];
  }

  async audit(caller: Caller, measureId: string) {
    await this.load(caller, measureId, PROGRAMME_READERS);
    const rows = await this.measures.transitions(measureId);
    return { items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
  }

  async create(caller: Caller, programmeId: string, input: CreateMeasureInput): Promise<MeasureView> {
    const id = await this.measures.db.transaction(async (manager) => {
      const programme = await this.access.programme(caller, programmeId, MEASURE_EDITORS, manager);
      await this.checks.fields(caller, programme, input, manager);
      const proposal = transitionMeasure({
        status: null,
        action: 'propose',
        actor: { userId: caller.subject, roles: this.rolesFor(caller, programmeId) },
        at: this.clock.now().toISOString(),
      });
      const created = await this.insertProposal(manager, caller, programmeId, input, {
        status: proposal.status,
        at: new Date(proposal.audit.at),
        comment: '',
      });
      await this.published(manager, created, caller.tenantId);
      return created;
    });
    return this.get(caller, id);
  }

  /**
   * Proposes several measures at once (a table import): every row is checked like a single
   * proposal and every problem is named by row; nothing is written unless all rows pass.
   */
  async proposeAll(
    caller: Caller,
    programmeId: string,
    rows: readonly { row: number; input: CreateMeasureInput }[],
  ): Promise<{ created: number }> {
    await this.measures.db.transaction(async (manager) => {
      const programme = await this.access.programme(caller, programmeId, MEASURE_EDITORS, manager);
      const problems: { row: number; message: string }[] = [];
      for (const { row, input } of rows)
        await this.checks.fields(caller, programme, input, manager).catch((error: unknown) => {
          // Scope refusals stay refusals (403); content problems are collected per row.
          if (!(error instanceof ProgrammeServiceError || error instanceof ProgrammeError)) throw error;
          problems.push({ row, message: `row ${row}: ${error.message}` });
        });
      if (problems.length > 0)
        throw new ProgrammeServiceError('InvalidMeasureImport', problems.map((p) => p.message).join('\n'), {
          lines: problems.map((p) => p.message),
        });
      const at = this.clock.now();
      for (const { input } of rows) {
        const id = await this.insertProposal(manager, caller, programmeId, input, {
          status: 'proposed',
          at,
          comment: 'import',
        });
        await this.published(manager, id, caller.tenantId);
      }
    });
    return { created: rows.length };
  }

  /** Writes a proposed measure and the audit entry of its proposal. */
  private async insertProposal(
    manager: EntityManager,
    caller: Caller,
    programmeId: string,
    input: CreateMeasureInput,
    proposal: { status: MeasureRow['status']; at: Date; comment: string },
  ): Promise<string> {
    const id = await this.measures.insert(manager, {
      tenantId: caller.tenantId,
      programmeId,
      title: input.title,
      description: input.description,
      areaIds: [...new Set(input.areaIds)],
      fieldOfAction: input.fieldOfAction,
      responsibleName: input.responsible.name,
      responsibleActorId: input.responsible.actorId,
      targetGroups: input.targetGroups,
      budget: input.budget,
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd,
      actualStart: null,
      actualEnd: null,
      status: proposal.status,
      deliberateOverCommitment: false,
      createdBy: caller.subject,
    });
    await this.measures.addTransition(manager, id, {
      from: null,
      to: proposal.status,
      by: caller.subject,
      at: proposal.at,
      comment: proposal.comment,
    });
    return id;
  }

  async update(caller: Caller, measureId: string, input: UpdateMeasureInput): Promise<MeasureView> {
    await this.measures.db.transaction(async (manager) => {
      const { measure, programme } = await this.load(caller, measureId, MEASURE_EDITORS, manager);
      this.assertMayEdit(caller, measure);
      const next: MeasureRow = {
        ...measure,
        title: input.title ?? measure.title,
        description: input.description ?? measure.description,
        areaIds: input.areaIds ? [...new Set(input.areaIds)] : measure.areaIds,
        fieldOfAction: input.fieldOfAction !== undefined ? input.fieldOfAction : measure.fieldOfAction,
        responsibleName: input.responsible?.name ?? measure.responsibleName,
        responsibleActorId: input.responsible ? input.responsible.actorId : measure.responsibleActorId,
        targetGroups: input.targetGroups ?? measure.targetGroups,
        budget: input.budget ?? measure.budget,
        plannedStart: input.plannedStart !== undefined ? input.plannedStart : measure.plannedStart,
        plannedEnd: input.plannedEnd !== undefined ? input.plannedEnd : measure.plannedEnd,
        actualStart: input.actualStart !== undefined ? input.actualStart : measure.actualStart,
        actualEnd: input.actualEnd !== undefined ? input.actualEnd : measure.actualEnd,
      };
      await this.checks.fields(caller, programme, { ...next, budget: next.budget }, manager);
      if (input.budget) {
        const { deliberate } = await this.checks.commitment(
          manager,
          programme.id,
          next,
          input.deliberateOverCommitment,
        );
        next.deliberateOverCommitment = deliberate;
      }
      await this.measures.update(manager, next);
      await this.published(manager, measureId, caller.tenantId);
    });
    return this.get(caller, measureId);
  }

  async transition(caller: Caller, measureId: string, input: TransitionInput): Promise<MeasureView> {
    await this.measures.db.transaction(async (manager) => {
      const { measure, programme, areas } = await this.load(caller, measureId, MEASURE_EDITORS, manager);
      const at = this.clock.now();
      const step = transitionMeasure({
        status: measure.status,
        action: input.action,
        actor: { userId: caller.subject, roles: this.rolesFor(caller, programme.id, areas) },
        at: at.toISOString(),
        comment: input.comment,
      });
      const next: MeasureRow = { ...measure, status: step.status };
      let note = step.audit.comment ?? '';
      if (input.action === 'approve') {
        const { overCommitments, deliberate } = await this.checks.commitment(
          manager,
          programme.id,
          next,
          input.deliberateOverCommitment,
        );
        next.deliberateOverCommitment = deliberate;
        if (deliberate)
          note = [
            note,
            ...overCommitments.map((o) => `over-commitment accepted: ${o.line} ${o.year} (+${o.excess} ct)`),
          ]
            .filter(Boolean)
            .join('\n');
      }
      // The day the measure started or ended in the city, not in UTC (00:30 in Berlin is still
      // yesterday there).
      const today = this.clock.dayOf(at);
      if (input.action === 'start' && !next.actualStart) next.actualStart = today;
      if (input.action === 'complete' && !next.actualEnd) next.actualEnd = today;
      await this.measures.update(manager, next);
      await this.measures.addTransition(manager, measureId, {
        from: measure.status,
        to: step.status,
        by: caller.subject,
        at,
        comment: note,
      });
      await this.published(manager, measureId, caller.tenantId);
    });
    return this.get(caller, measureId);
  }

  async replaceExpenditures(
    caller: Caller,
    measureId: string,
    input: ExpendituresInput,
  ): Promise<MeasureView> {
    await this.measures.db.transaction(async (manager) => {
      const { measure, programme } = await this.load(caller, measureId, MEASURE_EDITORS, manager);
      if (measure.status === 'proposed' || measure.status === 'rejected')
        throw new ProgrammeServiceError(
          'InvalidMeasure',
          `a ${measure.status} measure has no expenditures: approve it first`,
          { field: 'entries' },
        );
      const problems = budgetProblems(programme, input.entries);
      if (problems.length > 0)
        throw new ProgrammeServiceError('InvalidMeasure', problems[0].message, { problems });
      await this.measures.replaceExpenditures(manager, measureId, input.entries);
      await this.measures.touch(manager, measureId);
    });
    return this.get(caller, measureId);
  }

  /** The measure and its programme; refuses callers without `roles` in programme and area scope. */
  async load(caller: Caller, measureId: string, roles: readonly string[], manager?: EntityManager) {
    const measure = await this.measures.find(caller.tenantId, measureId, manager);
    if (!measure) throw new ProgrammeServiceError('MeasureNotFound', `measure ${measureId} not found`);
    const programme = await this.access.programme(
      caller,
      measure.programmeId,
      roles as typeof PROGRAMME_READERS,
      manager,
    );
    const areas = await this.access.areas(caller.tenantId, measure.areaIds, 'areaIds', manager);
    const readers = roles === PROGRAMME_READERS;
    // Readers need one of the measure's areas in scope; writers every one of them.
    if (readers) {
      const scope = scopeAreas(caller.access.principal, caller.access.assignments, PROGRAMME_READERS, {
        programmeId: programme.id,
      });
      const visible =
        scope === 'all' ||
        [...areas.values()].some((a) => [...a.path, a.id].some((id) => scope.includes(id)));
      if (!visible) throw new ProgrammeServiceError('MeasureNotFound', `measure ${measureId} not found`);
    } else
      this.access.assertAreasInScope(
        caller.access,
        programme.id,
        areas.values(),
        roles as typeof MEASURE_EDITORS,
      );
    return { measure, programme, areas: [...areas.values()] };
  }

  /**
   * Roles that count for the workflow: held by the token and applying to this programme and to
   * every area of the measure (a planner of Mitte acts on measures in Mitte only).
   */
  private rolesFor(caller: Caller, programmeId: string, areas: readonly AreaRef[] = []): string[] {
    return WORKFLOW_ROLES.filter(
      (role) =>
        canAct(caller.access.principal, caller.access.assignments, [role], { programmeId }) &&
        areas.every((a) =>
          canAct(caller.access.principal, caller.access.assignments, [role], {
            programmeId,
            areaPath: [...a.path, a.id],
          }),
        ),
    );
  }

  private assertMayEdit(caller: Caller, measure: MeasureRow): void {
    if (measure.status === 'completed' || measure.status === 'rejected' || measure.status === 'cancelled')
      throw new ProgrammeServiceError('InvalidMeasure', `a ${measure.status} measure cannot be changed`);
    // Once money is committed, only managers change a measure.
    if (
      measure.status !== 'proposed' &&
      !canAct(caller.access.principal, caller.access.assignments, PROGRAMME_MANAGERS, {
        programmeId: measure.programmeId,
      })
    )
      throw new ProgrammeServiceError(
        'InvalidMeasure',
        `an ${measure.status} measure is changed by the programme's managers only`,
      );
  }

  private async published(manager: EntityManager, measureId: string, tenantId: string): Promise<void> {
    const m = await this.measures.find(tenantId, measureId, manager);
    if (!m) return;
    await this.outbox.append(
      manager,
      'programme.measure.upserted',
      {
        tenantId,
        id: m.id,
        programmeId: m.programmeId,
        title: m.title,
        areaIds: m.areaIds,
        fieldOfAction: m.fieldOfAction,
        status: m.status,
        plannedStart: m.plannedStart,
        plannedEnd: m.plannedEnd,
        actualStart: m.actualStart,
        actualEnd: m.actualEnd,
        budgetCents: m.budget.reduce((sum, b) => sum + b.amountCents, 0),
      },
      { tenantId, key: `${tenantId}:${m.programmeId}` },
    );
  }

  async present(caller: Caller, rows: readonly MeasureRow[]): Promise<MeasureView[]> {
    const areaIds = [...new Set(rows.flatMap((r) => r.areaIds))];
    const areas = await this.access.areas(caller.tenantId, areaIds, 'areaIds').catch(
      // An area deleted in the registry since: the measure is still shown, without its name.
      () => new Map<string, AreaRef>(),
    );
    const expenditures = await this.measures.expenditures(rows.map((r) => r.id));
    return rows.map((r) => {
      const spent = expenditures.get(r.id) ?? [];
      const roles = this.rolesFor(
        caller,
        r.programmeId,
        r.areaIds.map((id) => areas.get(id)).filter((a): a is AreaRef => a !== undefined),
      );
      return {
        id: r.id,
        programmeId: r.programmeId,
        title: r.title,
        description: r.description,
        areas: r.areaIds.map((id) => {
          const a = areas.get(id);
          return { id, code: a?.code ?? '', name: a?.name ?? '' };
        }),
        fieldOfAction: r.fieldOfAction,
        responsible: { name: r.responsibleName, actorId: r.responsibleActorId },
        targetGroups: r.targetGroups,
        budget: r.budget,
        budgetCents: r.budget.reduce((sum, b) => sum + b.amountCents, 0),
        expenditures: spent,
        spentCents: spent.reduce((sum, b) => sum + b.amountCents, 0),
        plannedStart: r.plannedStart,
        plannedEnd: r.plannedEnd,
        actualStart: r.actualStart,
        actualEnd: r.actualEnd,
        status: r.status,
        deliberateOverCommitment: r.deliberateOverCommitment,
        actions: availableActions(r.status, roles).filter((a) => a !== 'propose'),
        editable:
          !['completed', 'rejected', 'cancelled'].includes(r.status) &&
          (r.status === 'proposed'
            ? roles.length > 0
            : roles.includes('programme-manager') || roles.includes('tenant-admin')),
        createdBy: r.createdBy,
        createdAt: new Date(r.createdAt).toISOString(),
        updatedAt: new Date(r.updatedAt).toISOString(),
      };
    });
  }
}
