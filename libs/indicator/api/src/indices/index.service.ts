import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessContext } from '@quartier/auth';
import {
  combineClasses,
  computeCompositeIndex,
  IndicatorError,
  parseIndexDefinition,
  requiredIndicators,
  type AreaIndicatorValues,
  type IndexDefinition,
} from '@quartier/indicator-core';
import { OutboxWriter } from '@quartier/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { CatalogueService } from '../catalogue/catalogue.service';
import { readScope } from '../common/access';
import { AreaTree } from '../common/area-tree';
import { IndicatorServiceError } from '../common/indicator-service.error';
import { ValuesService, visible } from '../values/values.service';

export interface IndexDefinitionView {
  id: string;
  key: string;
  label: string;
  definition: IndexDefinition;
  createdBy: string;
  updatedAt: string;
}

interface RunRow {
  id: string;
  definitionId: string;
  definition: IndexDefinition;
  period: string;
  level: string;
  label: string;
  areaCount: number;
  validAreaCount: number;
  classCounts: Record<string, Record<string, number>>;
  statistics: unknown;
  createdBy: string;
  createdAt: Date;
}

const RUN_COLUMNS = `id, definition_id AS "definitionId", definition, period, level, label, area_count AS "areaCount",
  valid_area_count AS "validAreaCount", class_counts AS "classCounts", statistics, created_by AS "createdBy", created_at AS "createdAt"`;

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
    private readonly values: ValuesService,
    private readonly areas: AreaTree,
    private readonly outbox: OutboxWriter,
  ) {}

  async listDefinitions(tenantId: string): Promise<IndexDefinitionView[]> {
    const rows = await this.db.query(
      `SELECT id, key, label, definition, created_by AS "createdBy", updated_at AS "updatedAt" FROM index_definition WHERE tenant_id = $1 ORDER BY key`,
      [tenantId],
    );
    return rows.map(toDefinitionView);
  }

  async getDefinition(tenantId: string, id: string): Promise<IndexDefinitionView> {
    const rows = await this.db.query(
      `SELECT id, key, label, definition, created_by AS "createdBy", updated_at AS "updatedAt" FROM index_definition WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    if (rows.length === 0)
      throw new IndicatorServiceError('IndexDefinitionNotFound', `index definition ${id} not found`);
    return toDefinitionView(rows[0]);
  }

  async createDefinition(
    tenantId: string,
    createdBy: string,
    body: { label?: string; definition: unknown },
  ): Promise<IndexDefinitionView> {
    const definition = parseIndexDefinition(body.definition);
    const label = body.label ?? definition.label ?? definition.id;
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO index_definition (tenant_id, key, label, definition, created_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, key) DO NOTHING RETURNING id`,
      [tenantId, definition.id, label, JSON.stringify(definition), createdBy],
    );
    if (rows.length === 0)
      throw new IndicatorServiceError(
        'IndexDefinitionExists',
        `index definition "${definition.id}" exists already`,
      );
    return this.getDefinition(tenantId, rows[0].id);
  }

  async updateDefinition(
    tenantId: string,
    id: string,
    body: { label?: string; definition: unknown },
  ): Promise<IndexDefinitionView> {
    const existing = await this.getDefinition(tenantId, id);
    const definition = parseIndexDefinition(body.definition);
    if (definition.id !== existing.key)
      throw new IndicatorServiceError(
        'InvalidIndexRun',
        `the definition's id "${definition.id}" must stay "${existing.key}"`,
      );
    await this.db.query(
      `UPDATE index_definition SET label = $3, definition = $4, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, body.label ?? existing.label, JSON.stringify(definition)],
    );
    return this.getDefinition(tenantId, id);
  }

  async deleteDefinition(tenantId: string, id: string): Promise<void> {
    await this.getDefinition(tenantId, id);
    await this.db.query(`DELETE FROM index_definition WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  async run(
    tenantId: string,
    createdBy: string,
    definitionId: string,
    options: { period: string; level: string; label?: string },
  ) {
    const stored = await this.getDefinition(tenantId, definitionId);
    const definition = stored.definition;
    const tree = await this.areas.of(tenantId);
    if (!tree.levels.includes(options.level))
      throw new IndicatorServiceError('LevelNotFound', `level ${options.level} not found`);
    const codes = requiredIndicators(definition);
    const columns: {
      code: string;
      version: number;
      cells: Awaited<ReturnType<ValuesService['resolved']>>;
    }[] = [];
    for (const code of codes) {
      const indicator = await this.catalogue.get(tenantId, code).catch((error: unknown) => {
        if (error instanceof IndicatorServiceError && error.code === 'IndicatorNotFound')
          throw new IndicatorServiceError(
            'InvalidIndexRun',
            `the definition needs indicator ${code}, which is not in the catalogue`,
          );
        throw error;
      });
      columns.push({
        code,
        version: indicator.version,
        cells: await this.values.resolved(tenantId, indicator, options.period, tree, false),
      });
    }
    const levelAreas = tree.list.filter((a) => a.level === options.level);
    const inputs: AreaIndicatorValues[] = levelAreas.map((a) => ({
      area: a.code,
      values: Object.fromEntries(columns.map((c) => [c.code, c.cells.get(a.id)?.[2] ?? null])),
    }));
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
    const snapshot = {
      indicators: columns.map((c) => ({ code: c.code, version: c.version })),
      rows: inputs.map((i) => [i.area, ...columns.map((c) => i.values[c.code] ?? null)]),
    };
    return this.db.transaction(async (manager) => {
      const [{ id }] = await manager.query(
        `INSERT INTO index_run (tenant_id, definition_id, definition, period, level, label, inputs, area_count, valid_area_count, class_counts, statistics, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          tenantId,
          definitionId,
          JSON.stringify(definition),
          options.period,
          options.level,
          label,
          JSON.stringify(snapshot),
          inputs.length,
          result.validAreaCount,
          JSON.stringify(classCounts),
          JSON.stringify(result.statistics),
          createdBy,
        ],
      );
      // One JSON document: PostgreSQL parses it in C; as jsonb[] arrays node-pg would escape
      // every character of every area's result (seconds at 50,000 areas).
      await manager.query(
        `INSERT INTO index_result (run_id, area_id, area_code, valid, reasons, indices)
         SELECT $1, r.area_id, r.area_code, r.valid, r.reasons, r.indices
           FROM jsonb_to_recordset($2::jsonb) AS r(area_id uuid, area_code text, valid boolean, reasons jsonb, indices jsonb)`,
        [
          id,
          JSON.stringify(
            levelAreas.map((a, i) => {
              const r = result.areas[i];
              return {
                area_id: a.id,
                area_code: a.code,
                valid: r.valid,
                reasons: r.valid ? null : r.reasons,
                indices: r.valid ? r.indices : null,
              };
            }),
          ),
        ],
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

  async listRuns(tenantId: string, definitionId?: string) {
    const rows: RunRow[] = await this.db.query(
      `SELECT ${RUN_COLUMNS} FROM index_run WHERE tenant_id = $1 AND ($2::uuid IS NULL OR definition_id = $2) ORDER BY period, created_at`,
      [tenantId, definitionId ?? null],
    );
    return rows.map(toRunView);
  }

  async getRun(tenantId: string, id: string, manager: EntityManager = this.db.manager) {
    const rows: RunRow[] = await manager.query(
      `SELECT ${RUN_COLUMNS} FROM index_run WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    if (rows.length === 0) throw new IndicatorServiceError('IndexRunNotFound', `index run ${id} not found`);
    return toRunView(rows[0]);
  }

  /** The stored inputs (definition snapshot + every value used), enough to recompute the run. */
  async inputs(tenantId: string, id: string) {
    const rows = await this.db.query(
      `SELECT definition, inputs FROM index_run WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    if (rows.length === 0) throw new IndicatorServiceError('IndexRunNotFound', `index run ${id} not found`);
    return rows[0];
  }

  async results(access: AccessContext, tenantId: string, id: string) {
    await this.getRun(tenantId, id);
    const tree = await this.areas.of(tenantId);
    const scope = readScope(access);
    const rows: { areaId: string; code: string; valid: boolean; reasons: unknown; indices: unknown }[] =
      await this.db.query(
        `SELECT area_id AS "areaId", area_code AS code, valid, reasons, indices FROM index_result WHERE run_id = $1 ORDER BY area_code`,
        [id],
      );
    return rows
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
  async classes(access: AccessContext, tenantId: string, id: string, index: string) {
    const run = await this.getRun(tenantId, id);
    const ids = run.definition.indices.map((i) => i.id);
    if (index !== 'combined' && !ids.includes(index))
      throw new IndicatorServiceError(
        'InvalidIndexRun',
        `index "${index}" is not part of ${run.definition.id} (${ids.join(', ')})`,
      );
    const results = await this.results(access, tenantId, id);
    const items = results.map((r) => {
      const indices = r.indices as Record<
        string,
        { value: number; class: { code: string; label: string } }
      > | null;
      let cls: { code: string; label: string } | null = null;
      let value: number | null = null;
      if (indices) {
        if (index === 'combined') {
          const [first, second] = ids.map((i) => indices[i].class);
          try {
            const combined = combineClasses(first.code, second.code);
            cls = { code: combined.code, label: `${first.label} / ${second.label}` };
          } catch {
            cls = { code: `${first.code}${second.code}`, label: `${first.label} / ${second.label}` };
          }
        } else {
          cls = indices[index].class;
          value = indices[index].value;
        }
      }
      return {
        areaId: r.areaId,
        code: r.code,
        name: r.name,
        valid: r.valid,
        value,
        class: cls?.code ?? null,
        label: cls?.label ?? null,
      };
    });
    const layout = index === 'combined' ? combinedLayout(run.definition) : classLayout(run.definition, index);
    return {
      run: { id: run.id, label: run.label, period: run.period, level: run.level },
      index,
      classes: layout,
      items,
    };
  }

  /** Areas whose class of `index` differs between two runs (same level), with the direction. */
  async movers(access: AccessContext, tenantId: string, fromId: string, toId: string, index: string) {
    const [from, to] = await Promise.all([
      this.classes(access, tenantId, fromId, index),
      this.classes(access, tenantId, toId, index),
    ]);
    const order = new Map((to.classes ?? []).map((c, i) => [c.code, i]));
    const before = new Map(from.items.map((i) => [i.areaId, i]));
    const items = [];
    for (const after of to.items) {
      const prior = before.get(after.areaId);
      if (!prior || prior.class === after.class) continue;
      const a = prior.class === null ? undefined : order.get(prior.class);
      const b = after.class === null ? undefined : order.get(after.class);
      items.push({
        areaId: after.areaId,
        code: after.code,
        name: after.name,
        from: { class: prior.class, label: prior.label },
        to: { class: after.class, label: after.label },
        // Class order follows the index: a higher class means more disadvantage.
        direction: a === undefined || b === undefined ? 'validity-changed' : b > a ? 'worse' : 'better',
      });
    }
    return { from: from.run, to: to.run, index, items };
  }
}

function toDefinitionView(row: {
  id: string;
  key: string;
  label: string;
  definition: IndexDefinition;
  createdBy: string;
  updatedAt: Date;
}): IndexDefinitionView {
  return { ...row, updatedAt: new Date(row.updatedAt).toISOString() };
}

function toRunView(row: RunRow) {
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
      let code = `${a.code}${b.code}`;
      try {
        code = combineClasses(a.code, b.code).code;
      } catch {
        // Codes outside the Berlin scheme are simply written one after the other.
      }
      return {
        code,
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
