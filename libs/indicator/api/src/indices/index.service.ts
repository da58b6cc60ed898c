import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Caller } from '@quartier/auth';
import {
  combinedClassCode,
  computeCompositeIndex,
  IndicatorError,
  parseIndexDefinition,
  requiredIndicators,
  type IndexDefinition,
} from '@quartier/indicator-core';
import { OutboxWriter } from '@quartier/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { CatalogueService } from '../catalogue/catalogue.service';
import { readScope, requireTenantWide } from '../common/access';
import { AreaTree, type LevelAreas } from '../common/area-tree';
import { IndicatorServiceError } from '../common/indicator-service.error';
import { IndicatorValueRepository } from '../values/indicator-value.repository';
import { visible } from '../values/area-value';
import { IndexDefinitionRepository, type IndexDefinitionRow } from './index-definition.repository';
import type { indexResultsSchema } from './index.dto';
import { indexInputs, levelIds, levelValues } from './index-inputs';
import { fromResultColumns } from './index-result-columns';
import { IndexRunRepository, type IndexRunRow } from './index-run.repository';

export interface IndexDefinitionView {
  id: string;
  key: string;
  label: string;
  definition: IndexDefinition;
  createdBy: string;
  updatedAt: string;
}

/**
 * Composite indices over stored values. A run resolves each required indicator at the chosen
 * level and period (stored values, or aggregates from below — unsuppressed: suppression is for
 * publication, the index needs the real figures), computes with the core, and stores the
 * definition snapshot and every input value with the results, so any run can be recomputed
 * and checked years later whatever happened to the catalogue since.
 */
@Injectable()
export class IndexService {
  constructor(
    @InjectDataSource('indicator') private readonly db: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly storedValues: IndicatorValueRepository,
    private readonly areas: AreaTree,
    private readonly outbox: OutboxWriter,
    private readonly definitions: IndexDefinitionRepository,
    private readonly runs: IndexRunRepository,
  ) {}

  async listDefinitions(tenantId: string): Promise<IndexDefinitionView[]> {
    return (await this.definitions.list(tenantId)).map(toDefinitionView);
  }

  async getDefinition(tenantId: string, id: string): Promise<IndexDefinitionView> {
    const row = await this.definitions.find(tenantId, id);
    if (!row) throw new IndicatorServiceError('IndexDefinitionNotFound', `index definition ${id} not found`);
    return toDefinitionView(row);
  }

  async createDefinition(
    caller: Caller,
    body: { label?: string; definition: unknown },
  ): Promise<IndexDefinitionView> {
    requireTenantWide(caller.access);
    const { tenantId, subject: createdBy } = caller;
    const definition = parseIndexDefinition(body.definition);
    const label = body.label ?? definition.label ?? definition.id;
    const id = await this.definitions.insert(tenantId, { key: definition.id, label, definition, createdBy });
    if (!id)
      throw new IndicatorServiceError(
        'IndexDefinitionExists',
        `index definition "${definition.id}" exists already`,
      );
    return this.getDefinition(tenantId, id);
  }

  async updateDefinition(
    caller: Caller,
    id: string,
    body: { label?: string; definition: unknown },
  ): Promise<IndexDefinitionView> {
    requireTenantWide(caller.access);
    const { tenantId } = caller;
    const existing = await this.getDefinition(tenantId, id);
    const definition = parseIndexDefinition(body.definition);
    if (definition.id !== existing.key)
      throw new IndicatorServiceError(
        'InvalidIndexRun',
        `the definition's id "${definition.id}" must stay "${existing.key}"`,
      );
    await this.definitions.update(tenantId, id, body.label ?? existing.label, definition);
    return this.getDefinition(tenantId, id);
  }

  async deleteDefinition(caller: Caller, id: string): Promise<void> {
    requireTenantWide(caller.access);
    const { tenantId } = caller;
    await this.getDefinition(tenantId, id);
    await this.definitions.delete(tenantId, id);
  }

  async run(
    caller: Caller,
    definitionId: string,
    options: { period: string; level: string; label?: string },
  ) {
    requireTenantWide(caller.access);
    const { tenantId, subject: createdBy } = caller;
    const stored = await this.getDefinition(tenantId, definitionId);
    const definition = stored.definition;
    const tree = await this.areas.withLevel(tenantId, options.level);
    const level = tree.below(options.level);
    const columns = await this.levelColumns(tenantId, definition, level, options.period);
    const { inputs, rows } = indexInputs(level.areas, columns);
    let result;
    try {
      result = computeCompositeIndex(definition, inputs);
    } catch (error) {
      if (error instanceof IndicatorError)
        throw new IndicatorServiceError('InvalidIndexRun', `${options.period}: ${error.message}`);
      throw error;
    }
    const classCounts = Object.fromEntries(
      Object.entries(result.statistics).map(([id, s]) => [id, s.classCounts]),
    );
    const label = options.label ?? `${stored.label} · ${options.period}`;
    // Stored as json, as written: in the key order jsonb kept, so the inputs read as before.
    const snapshot = { rows, indicators: columns.map((c) => ({ code: c.code, version: c.version })) };
    return this.db.transaction(async (manager) => {
      const id = await this.runs.insert(manager, {
        tenantId,
        definitionId,
        definition,
        period: options.period,
        level: options.level,
        label,
        inputs: snapshot,
        areaCount: inputs.length,
        validAreaCount: result.validAreaCount,
        classCounts,
        statistics: result.statistics,
        createdBy,
      });
      await this.runs.insertResults(
        manager,
        id,
        definition,
        level.areas.map((a, i) => {
          const r = result.areas[i];
          return {
            areaId: a.id,
            code: a.code,
            valid: r.valid,
            reasons: r.valid ? null : r.reasons,
            indices: r.valid ? r.indices : null,
          };
        }),
        levelIds(level),
      );
      await this.outbox.append(
        manager,
        'indicator.index.computed',
        {
          tenantId,
          runId: id,
          definitionId,
          definitionKey: definition.id,
          period: options.period,
          areaCount: inputs.length,
          validAreaCount: result.validAreaCount,
          classCounts,
        },
        { tenantId, key: `${tenantId}:${definitionId}` },
      );
      return this.getRun(tenantId, id, manager);
    });
  }

  /** Each required indicator's values for the level's areas, with its code and version. */
  private async levelColumns(
    tenantId: string,
    definition: IndexDefinition,
    level: LevelAreas,
    period: string,
  ): Promise<{ code: string; version: number; values: (number | null)[] }[]> {
    const indicators = [];
    for (const code of requiredIndicators(definition)) {
      const indicator = await this.catalogue.get(tenantId, code).catch((error: unknown) => {
        if (error instanceof IndicatorServiceError && error.code === 'IndicatorNotFound')
          throw new IndicatorServiceError(
            'InvalidIndexRun',
            `the definition needs indicator ${code}, which is not in the catalogue`,
          );
        throw error;
      });
      indicators.push({ code, indicator });
    }
    // The values are read side by side (each query on its own connection): PostgreSQL matches
    // one indicator's values while another's answer is parsed.
    return Promise.all(
      indicators.map(async ({ code, indicator }) => ({
        code,
        version: indicator.version,
        values: await levelValues(level, indicator, {
          cells: () => this.storedValues.cells(tenantId, indicator.id, period),
          valuesOf: (ids) => this.storedValues.valuesOfAreas(tenantId, indicator.id, period, ids),
        }),
      })),
    );
  }

  async listRuns(tenantId: string, definitionId?: string) {
    return (await this.runs.list(tenantId, definitionId)).map(toRunView);
  }

  async getRun(tenantId: string, id: string, manager?: EntityManager) {
    const row = await this.runs.find(tenantId, id, manager);
    if (!row) throw new IndicatorServiceError('IndexRunNotFound', `index run ${id} not found`);
    return toRunView(row);
  }

  /** The stored inputs (definition snapshot + every value used), enough to recompute the run. */
  async inputs(caller: Caller, id: string) {
    requireTenantWide(caller.access);
    const stored = await this.runs.inputs(caller.tenantId, id);
    if (!stored) throw new IndicatorServiceError('IndexRunNotFound', `index run ${id} not found`);
    return stored;
  }

  /** Per-area results; reasons and indices stay opaque JSON in the answer's schema. */
  async results(caller: Caller, id: string): Promise<IndexResultsView> {
    const { access, tenantId } = caller;
    const run = await this.getRun(tenantId, id);
    const tree = await this.areas.of(tenantId);
    const scope = readScope(access);
    const columns = await this.runs.results(id);
    if (!columns) return [];
    return fromResultColumns(run.definition, columns)
      .filter((r) => {
        const area = tree.byId.get(r.areaId);
        return area !== undefined && visible(scope, area);
      })
      .map((r) => ({ ...r, name: tree.byId.get(r.areaId)?.name ?? r.code }));
  }

  /**
   * Map data: area → class of one index (or `combined`, status × dynamics, for definitions with
   * two indices whose codes follow the Berlin scheme). Invalid areas carry class null.
   */
  async classes(caller: Caller, id: string, index: string) {
    const { access, tenantId } = caller;
    const run = await this.getRun(tenantId, id);
    const ids = run.definition.indices.map((i) => i.id);
    if (index !== 'combined' && !ids.includes(index))
      throw new IndicatorServiceError(
        'InvalidIndexRun',
        `index "${index}" is not part of ${run.definition.id} (${ids.join(', ')})`,
      );
    if (index === 'combined' && ids.length < 2)
      throw new IndicatorServiceError(
        'InvalidIndexRun',
        `"combined" needs two indices; ${run.definition.id} has ${ids.join(', ')}`,
      );
    const tree = await this.areas.of(tenantId);
    const scope = readScope(access);
    const columns = await this.runs.results(id);
    const layout = index === 'combined' ? combinedLayout(run.definition) : classLayout(run.definition, index);
    const position = classPosition(run.definition, index);
    const k = ids.indexOf(index);
    const items = [];
    for (let i = 0; i < (columns?.areaIds.length ?? 0); i++) {
      const c = columns as NonNullable<typeof columns>;
      const area = tree.byId.get(c.areaIds[i]);
      if (area === undefined || !visible(scope, area)) continue;
      const cls = c.valid[i] ? layout?.[position(c.classes, i)] : null;
      items.push({
        areaId: c.areaIds[i],
        code: c.codes[i],
        name: area.name ?? c.codes[i],
        valid: c.valid[i],
        value: cls && k >= 0 ? c.values[k][i] : null,
        class: cls?.code ?? null,
        label: cls?.label ?? null,
      });
    }
    return {
      run: { id: run.id, label: run.label, period: run.period, level: run.level },
      index,
      classes: layout,
      items,
    };
  }

  /** Areas whose class of `index` differs between two runs (same level), with the direction. */
  async movers(caller: Caller, fromId: string, toId: string, index: string) {
    const [from, to] = await Promise.all([
      this.classes(caller, fromId, index),
      this.classes(caller, toId, index),
    ]);
    const order = new Map((to.classes ?? []).map((c, i) => [c.code, i]));
    const before = new Map(from.items.map((i) => [i.areaId, i]));
    const items = [];
    for (const after of to.items) {
      const prior = before.get(after.areaId);
      if (!prior || prior.class === after.class) continue;
      const a = prior.class === null ? undefined : order.get(prior.class);
      const b = after.class === null ? undefined : order.get(after.class);
      // Class order follows the index: a higher class means more disadvantage.
      const direction: MoverDirection =
        a === undefined || b === undefined ? 'validity-changed' : b > a ? 'worse' : 'better';
      items.push({
        areaId: after.areaId,
        code: after.code,
        name: after.name,
        from: { class: prior.class, label: prior.label },
        to: { class: after.class, label: after.label },
        direction,
      });
    }
    return { from: from.run, to: to.run, index, items };
  }
}

type IndexResultsView = z.infer<typeof indexResultsSchema>;

/** Whether an area moved to a better or worse class, or became (in)valid. */
type MoverDirection = 'better' | 'worse' | 'validity-changed';

function toDefinitionView(row: IndexDefinitionRow): IndexDefinitionView {
  return { ...row, updatedAt: new Date(row.updatedAt).toISOString() };
}

function toRunView(row: IndexRunRow) {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}

type ClassLabel = { code: string; label: string; labels?: Record<string, string> };

function classLayout(definition: IndexDefinition, index: string): ClassLabel[] | null {
  return (
    definition.indices
      .find((i) => i.id === index)
      ?.classes.map((c) => ({ code: c.code, label: c.label, ...(c.labels ? { labels: c.labels } : {}) })) ??
    null
  );
}

/**
 * The groups of status × dynamics in the order of the two indices' classes (Berlin: `1+` …
 * `4-`), each labelled with both classes, in every language both have a label in.
 */
function combinedLayout(definition: IndexDefinition): ClassLabel[] | null {
  const [first, second] = definition.indices;
  if (!first || !second) return null;
  return first.classes.flatMap((a) =>
    second.classes.map((b) => {
      const languages = Object.keys(a.labels ?? {}).filter((l) => b.labels?.[l] !== undefined);
      return {
        code: combinedClassCode(a.code, b.code),
        label: `${a.label} / ${b.label}`,
        ...(languages.length > 0
          ? {
              labels: Object.fromEntries(languages.map((l) => [l, `${a.labels?.[l]} / ${b.labels?.[l]}`])),
            }
          : {}),
      };
    }),
  );
}

/**
 * Where a valid area's class falls in the layout of `index`: its class in that index, or for
 * `combined` the pair of the two indices' classes, in combinedLayout's order (first index major).
 */
function classPosition(
  definition: IndexDefinition,
  index: string,
): (classes: readonly (readonly (number | null)[])[], area: number) => number {
  if (index !== 'combined') {
    const k = definition.indices.findIndex((i) => i.id === index);
    return (classes, area) => (classes[k][area] as number) - 1;
  }
  const width = definition.indices[1].classes.length;
  return (classes, area) => ((classes[0][area] as number) - 1) * width + (classes[1][area] as number) - 1;
}
