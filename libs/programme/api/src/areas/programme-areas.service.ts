import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import {
  diffProgrammeAreas,
  parseSelectionRule,
  resolveProgrammeAreas,
  type ManualAreaChange,
  type ProgrammeAreaResolution,
  type SelectionRule,
} from '@quartier/programme-core';
import { Clock } from '@quartier/service-kit';
import type { EntityManager } from 'typeorm';
import { ProgrammeAccess } from '../access/programme-access.service';
import { PROGRAMME_MANAGERS, PROGRAMME_READERS } from '../programme.constants';
import { ProgrammeServiceError } from '../programme.errors';
import { ProgrammeEvents } from '../programmes/programme-events';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { AreaSelectionRepository } from './area-selection.repository';
import { IndexRunsRepository, type IndexRunRef } from './index-runs.repository';
import type { AreaSelectionInput } from './programme-areas.dto';

/** Manual additions only: no run, no rule. */
const NO_RULE: SelectionRule = { version: 1, clauses: [] };

/**
 * Programme areas from an index run: a rule over the run's classes plus manual additions and
 * removals with reasons. A preview changes nothing; accepting stores the resolution with its
 * run, and a newer run of the same index is only shown as a pending change until accepted.
 */
@Injectable()
export class ProgrammeAreasService {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly runs: IndexRunsRepository,
    private readonly selections: AreaSelectionRepository,
    private readonly access: ProgrammeAccess,
    private readonly events: ProgrammeEvents,
    private readonly clock: Clock,
  ) {}

  async indexRuns(caller: Caller, programmeId: string) {
    await this.access.programme(caller, programmeId, PROGRAMME_READERS);
    return { items: await this.runs.list(caller.tenantId) };
  }

  /** Every area of a run with its classes (the map of candidates). */
  async candidates(caller: Caller, programmeId: string, runId: string) {
    await this.access.programme(caller, programmeId, PROGRAMME_READERS);
    const run = await this.run(caller.tenantId, runId);
    return { run, areas: await this.runs.areas(run) };
  }

  async current(caller: Caller, programmeId: string) {
    await this.access.programme(caller, programmeId, PROGRAMME_READERS);
    const stored = await this.selections.current(programmeId);
    if (!stored) return { selection: null, areas: [] };
    const run = stored.runId ? await this.runs.find(caller.tenantId, stored.runId) : null;
    return {
      selection: {
        id: stored.id,
        run,
        rule: stored.rule,
        changes: stored.changes,
        acceptedBy: stored.acceptedBy,
        acceptedAt: new Date(stored.acceptedAt).toISOString(),
        comment: stored.comment,
      },
      areas: stored.resolution.areas,
    };
  }

  /** The resolution of a rule and changes, and what accepting it would change. Stores nothing. */
  async preview(caller: Caller, programmeId: string, input: AreaSelectionInput) {
    await this.access.programme(caller, programmeId, PROGRAMME_MANAGERS);
    const resolution = await this.resolve(caller, programmeId, input);
    const stored = await this.selections.current(programmeId);
    return {
      resolution,
      diff: stored ? diffProgrammeAreas(stored.resolution, resolution) : null,
    };
  }

  async accept(caller: Caller, programmeId: string, input: AreaSelectionInput) {
    await this.programmes.db.transaction(async (manager) => {
      await this.access.programme(caller, programmeId, PROGRAMME_MANAGERS, manager);
      await this.programmes.lock(manager, programmeId);
      const resolution = await this.resolve(caller, programmeId, input, manager);
      // Accepting changes the membership of the areas that enter and of those that leave: each
      // needs the caller's scope (a rule over the whole city is no way round it). Areas that stay
      // are left as they were.
      const stored = (await this.selections.current(programmeId, manager))?.resolution.areas ?? [];
      await this.access.assertAreaIdsInScope(
        caller,
        programmeId,
        changedMembership(stored, resolution.areas),
        PROGRAMME_MANAGERS,
        manager,
      );
      await this.selections.accept(manager, programmeId, {
        runId: input.runId,
        rule: input.runId === null ? null : resolution.rule,
        changes: resolution.changes,
        resolution,
        acceptedBy: caller.subject,
        acceptedAt: this.clock.now(),
        comment: input.comment,
      });
      await this.events.programmeChanged(manager, caller.tenantId, programmeId);
    });
    return this.current(caller, programmeId);
  }

  /** The stored rule over the newest run of the same index, if one is newer: who would enter or leave. */
  async pending(caller: Caller, programmeId: string) {
    await this.access.programme(caller, programmeId, PROGRAMME_READERS);
    const stored = await this.selections.current(programmeId);
    if (!stored?.runId || !stored.rule) return { newerRun: null, diff: null };
    const run = await this.runs.find(caller.tenantId, stored.runId);
    const newer = run ? await this.runs.newerThan(caller.tenantId, run) : null;
    if (!newer) return { newerRun: null, diff: null };
    const next = resolveProgrammeAreas(
      stored.rule,
      { runId: newer.id, areas: await this.runs.areas(newer) },
      stored.changes,
    );
    return { newerRun: newer, diff: diffProgrammeAreas(stored.resolution, next) };
  }

  private async resolve(
    caller: Caller,
    programmeId: string,
    input: AreaSelectionInput,
    manager?: EntityManager,
  ): Promise<ProgrammeAreaResolution> {
    const changedAreas = await this.access.areas(
      caller.tenantId,
      input.changes.map((c) => c.areaId),
      'changes',
      manager,
      'InvalidAreaSelection',
    );
    this.access.assertAreasInScope(caller.access, programmeId, changedAreas.values(), PROGRAMME_MANAGERS);
    const at = this.clock.now().toISOString();
    const changes: ManualAreaChange[] = input.changes.map((c) => ({
      action: c.action,
      areaId: c.areaId,
      code: changedAreas.get(c.areaId)?.code ?? c.areaId,
      reason: c.reason.trim(),
      by: caller.subject,
      at,
    }));
    if (input.runId === null) return resolveProgrammeAreas(NO_RULE, { runId: '', areas: [] }, changes);
    const rule = parseSelectionRule(input.rule);
    const within = rule.clauses.map((c) => c.withinAreaId).filter((id): id is string => id !== undefined);
    await this.access.areas(
      caller.tenantId,
      within,
      'rule.clauses.withinAreaId',
      manager,
      'InvalidAreaSelection',
    );
    const run = await this.run(caller.tenantId, input.runId, manager);
    const resolution = resolveProgrammeAreas(
      rule,
      { runId: run.id, areas: await this.runs.areas(run, manager) },
      changes,
    );
    return resolution;
  }

  private async run(tenantId: string, runId: string, manager?: EntityManager): Promise<IndexRunRef> {
    const run = await this.runs.find(tenantId, runId, manager);
    if (!run)
      throw new ProgrammeServiceError('IndexRunNotFound', `index run ${runId} not found`, { field: 'runId' });
    return run;
  }
}

/** Ids of the areas in one list of programme areas but not the other. */
function changedMembership(
  before: readonly { areaId: string }[],
  after: readonly { areaId: string }[],
): string[] {
  const was = new Set(before.map((a) => a.areaId));
  const is = new Set(after.map((a) => a.areaId));
  return [...[...is].filter((id) => !was.has(id)), ...[...was].filter((id) => !is.has(id))];
}
