import { Injectable } from '@nestjs/common';
import type { Caller } from '@quartier/auth';
import {
  attainmentSeries,
  copyImpactModel,
  exportImpactModelJson,
  parseImpactModel,
  renderWirkungstreppeSvg,
  validateImpactModel,
  WIRKUNGSTREPPE_LABELS_DE,
  WIRKUNGSTREPPE_LABELS_EN,
  type ImpactModel,
} from '@quartier/programme-core';
import { Clock } from '@quartier/service-kit';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ProgrammeAccess } from '../access/programme-access.service';
import { MeasuresService } from '../measures/measures.service';
import { MEASURE_EDITORS, PROGRAMME_MANAGERS, PROGRAMME_READERS } from '../programme.constants';
import { ProgrammeServiceError } from '../programme.errors';
import { ProgrammeRepository, type ProgrammeRow } from '../programmes/programme.repository';
import { EvidenceResolver } from './evidence-resolver';
import { MeasureRepository } from '../measures/measure.repository';
import { ImpactModelRepository, type StoredImpactModel } from './impact-model.repository';

export interface ModelOwner {
  programmeId: string;
  measureId: string | null;
}

/**
 * Impact models of programmes and measures (validated by programme-core, optimistic version
 * check on save), templates, JSON and SVG exports, and attainment computed on read from the
 * evidence read models — always as live as the last event the service applied.
 */
@Injectable()
export class ImpactModelsService {
  constructor(
    private readonly models: ImpactModelRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly access: ProgrammeAccess,
    private readonly measures: MeasuresService,
    private readonly measureRows: MeasureRepository,
    private readonly evidence: EvidenceResolver,
    private readonly clock: Clock,
  ) {}

  /** Resolves a path to the model's owner, checking the caller's right to read or edit it. */
  async owner(
    caller: Caller,
    target: { programmeId?: string; measureId?: string },
    write: boolean,
  ): Promise<ModelOwner> {
    if (target.measureId) {
      const { measure } = await this.measures.load(
        caller,
        target.measureId,
        write ? MEASURE_EDITORS : PROGRAMME_READERS,
      );
      return { programmeId: measure.programmeId, measureId: measure.id };
    }
    const programmeId = target.programmeId as string;
    await this.access.programme(caller, programmeId, write ? PROGRAMME_MANAGERS : PROGRAMME_READERS);
    return { programmeId, measureId: null };
  }

  async get(owner: ModelOwner) {
    const stored = await this.models.find(owner.programmeId, owner.measureId);
    const model = stored?.model ?? emptyModel(owner);
    return {
      model,
      version: stored?.version ?? 0,
      updatedBy: stored?.updatedBy ?? null,
      updatedAt: stored ? new Date(stored.updatedAt).toISOString() : null,
      warnings: validateImpactModel(model).warnings,
    };
  }

  async save(
    caller: Caller,
    owner: ModelOwner,
    input: { model: Record<string, unknown>; baseVersion: number },
  ) {
    const model = parseImpactModel(input.model);
    await this.models.db.transaction(async (manager) => {
      await this.programmes.lock(manager, owner.programmeId);
      await this.checkBoundAreas(caller, owner, model, manager);
      const stored = await this.models.find(owner.programmeId, owner.measureId, manager);
      const current = stored?.version ?? 0;
      if (current !== input.baseVersion)
        throw new ProgrammeServiceError(
          'ImpactModelChanged',
          `the impact model was changed meanwhile (version ${current}, your edit started from ${input.baseVersion}): reload and apply your change again`,
          { version: current },
        );
      await this.models.save(
        manager,
        caller.tenantId,
        owner,
        model,
        current + 1,
        caller.subject,
        this.clock.now(),
      );
    });
    return this.get(owner);
  }

  /**
   * The areas an indicator binding names must be areas of the tenant (another tenant's, or text
   * that is no area id, is unknown, named by its path) within the caller's scope for the owner:
   * a planner of Mitte binds no evidence over Kreuzberg, whose aggregate the attainment would show.
   */
  private async checkBoundAreas(
    caller: Caller,
    owner: ModelOwner,
    model: ImpactModel,
    manager: EntityManager,
  ): Promise<void> {
    const roles = owner.measureId ? MEASURE_EDITORS : PROGRAMME_MANAGERS;
    for (const [i, node] of model.nodes.entries())
      for (const [j, { source }] of node.bindings.entries()) {
        if (source.kind !== 'indicator' || source.areas.kind !== 'areas') continue;
        const field = `nodes.${i}.bindings.${j}.source.areas.areaIds`;
        const areas = await this.access.areas(
          caller.tenantId,
          source.areas.areaIds,
          field,
          manager,
          'InvalidImpactModel',
        );
        this.access.assertAreasInScope(caller.access, owner.programmeId, areas.values(), roles);
      }
  }

  /** Copies another programme's or measure's model as this owner's model (a template). */
  async copyFrom(
    caller: Caller,
    owner: ModelOwner,
    from: { fromProgrammeId?: string; fromMeasureId?: string; title?: string },
  ) {
    const source = await this.owner(
      caller,
      { programmeId: from.fromProgrammeId, measureId: from.fromMeasureId },
      false,
    );
    const template = await this.models.find(source.programmeId, source.measureId);
    if (!template)
      throw new ProgrammeServiceError('ImpactModelNotFound', 'the template has no impact model yet');
    const copy = copyImpactModel(template.model, {
      newId: randomUUID,
      copiedAt: this.clock.now().toISOString(),
      copiedBy: caller.subject,
      title: from.title,
    });
    const current = await this.models.find(owner.programmeId, owner.measureId);
    return this.save(caller, owner, {
      model: copy as unknown as Record<string, unknown>,
      baseVersion: current?.version ?? 0,
    });
  }

  async exportJson(owner: ModelOwner): Promise<string> {
    return exportImpactModelJson((await this.get(owner)).model);
  }

  async figure(owner: ModelOwner, lang: 'de' | 'en'): Promise<string> {
    const { model } = await this.get(owner);
    return renderWirkungstreppeSvg(model, {
      labels: lang === 'en' ? WIRKUNGSTREPPE_LABELS_EN : WIRKUNGSTREPPE_LABELS_DE,
    });
  }

  /** Attainment of every binding of the programme's model and its measures' models. */
  async attainment(caller: Caller, programmeId: string) {
    const programme = await this.access.programme(caller, programmeId, PROGRAMME_READERS);
    const visible = new Set((await this.measures.visibleRows(caller, programmeId)).map((m) => m.id));
    const stored = (await this.models.ofProgramme(programmeId)).filter(
      (m) => m.measureId === null || visible.has(m.measureId),
    );
    return { items: await Promise.all(stored.map((m) => this.modelAttainment(caller, programme, m))) };
  }

  private async modelAttainment(caller: Caller, programme: ProgrammeRow, stored: StoredImpactModel) {
    const areaIds = await this.programmeAreasFor(stored);
    const nodes = [];
    for (const node of stored.model.nodes) {
      if (node.bindings.length === 0) continue;
      const bindings = [];
      for (const binding of node.bindings) {
        const actuals = await this.evidence.actuals(caller.tenantId, binding.source, areaIds);
        const series = attainmentSeries(binding, actuals, programme.trafficLight);
        bindings.push({
          binding,
          current:
            series.at(-1) ?? attainmentSeries(binding, [{ status: 'missing' }], programme.trafficLight)[0],
          series,
        });
      }
      nodes.push({ nodeId: node.id, title: node.title, type: node.type, step: node.step, bindings });
    }
    return { modelId: stored.model.id, measureId: stored.measureId, title: stored.model.title, nodes };
  }

  /** A measure's model measures its own areas by default; a programme's, the programme areas. */
  private async programmeAreasFor(stored: StoredImpactModel): Promise<string[]> {
    if (stored.measureId) {
      return this.measureRows.areaIds(stored.measureId);
    }
    return this.programmes.areaIds(stored.programmeId);
  }
}

function emptyModel(owner: ModelOwner): ImpactModel {
  return { id: owner.measureId ?? owner.programmeId, title: '', nodes: [], edges: [] };
}
