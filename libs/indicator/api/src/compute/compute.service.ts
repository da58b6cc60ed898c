import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxWriter } from '@quartier/messaging';
import { deriveCell, formulaRatio, parseFormula, type StoredCell } from '@quartier/indicator-core';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ValueCache } from '../cache/value-cache';
import { CatalogueService } from '../catalogue/catalogue.service';
import { IndicatorDefinitionRepository } from '../catalogue/indicator-definition.repository';
import { AreaTree } from '../common/area-tree';
import { IndicatorServiceError } from '../common/indicator-service.error';
import { listedAreas } from '../events/changed-areas';

export interface ComputeResult {
  indicator: string;
  definitionVersion: number;
  sourceId: string;
  periods: string[];
  /** Ratio parts kept (numerator/denominator per cell), or why not. */
  ratio: { numerator: string; denominator: string; scale: number } | null;
  ratioNote: string | null;
  counts: { cells: number; value: number; missing: number; replaced: number };
}

/** Relative tolerance when comparing the formula's constant with the indicator's scale. */
const SCALE_TOLERANCE = 1e-12;

/**
 * Derived values: evaluates a formula indicator over the stored values of the indicators its
 * `#{code}` elements name, per area × period, and stores the results under the formula
 * indicator's current definition version. Each run replaces the derived values of the periods
 * it computes, in one transaction with the `indicator.values.changed` event.
 */
@Injectable()
export class ComputeService {
  constructor(
    @InjectDataSource('indicator') private readonly db: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly catalogue: CatalogueService,
    private readonly areas: AreaTree,
    private readonly cache: ValueCache,
    private readonly definitions: IndicatorDefinitionRepository,
  ) {}

  async compute(tenantId: string, code: string, requested?: string[]): Promise<ComputeResult> {
    const sourceId = `compute:${randomUUID()}`;
    const tree = await this.areas.of(tenantId);
    const result = await this.db.transaction(async (m) => {
      // Lock the definition row: a concurrent PUT of the formula must not interleave with a run.
      await this.definitions.lockLiveByCode(m, tenantId, code);
      const indicator = await this.catalogue.get(tenantId, code, m);
      if (!indicator.formula)
        throw new IndicatorServiceError('InvalidIndicator', `indicator ${code} has no formula to compute`);
      const formula = parseFormula(indicator.formula);
      if (formula.elements.includes(code))
        throw new IndicatorServiceError('InvalidIndicator', `the formula of ${code} refers to itself`);
      const refs = await this.catalogue.refs(tenantId, m);
      const unknown = formula.elements.filter((e) => !refs.has(e));
      if (unknown.length > 0)
        throw new IndicatorServiceError(
          'InvalidIndicator',
          `the formula of ${code} refers to unknown indicators: ${unknown.join(', ')}`,
          { unknown },
        );
      // Ratio parts are kept only when aggregation (Σnum / Σden × indicator scale) reproduces the
      // formula's value, i.e. the formula's constant equals the indicator's effective scale.
      const detected = formulaRatio(formula.ast);
      let ratio = detected;
      let ratioNote: string | null = null;
      if (
        detected &&
        Math.abs(detected.scale - indicator.effectiveScale) >
          SCALE_TOLERANCE * Math.max(1, indicator.effectiveScale)
      ) {
        ratio = null;
        ratioNote = `formula scale ${detected.scale} differs from the indicator scale ${indicator.effectiveScale}; numerator and denominator not kept`;
      } else if (!detected) ratioNote = 'not a plain ratio; numerator and denominator not kept';

      const elementIds = formula.elements.map((e) => (refs.get(e) as { id: string }).id);
      const codeById = new Map(formula.elements.map((e, i) => [elementIds[i], e]));
      const rows: (StoredCell & { indicatorId: string; period: string; areaId: string })[] = await m.query(
        `SELECT indicator_id AS "indicatorId", period, area_id AS "areaId", status, value, numerator, denominator
           FROM indicator_value
          WHERE tenant_id = $1 AND indicator_id = ANY($2::uuid[]) ${requested ? 'AND period = ANY($3::text[])' : ''}`,
        requested ? [tenantId, elementIds, requested] : [tenantId, elementIds],
      );
      // Cells = every (area, period) where any element has a row; the rest has no data at all.
      const cells = new Map<string, { period: string; areaId: string; inputs: Map<string, StoredCell> }>();
      for (const row of rows) {
        if (!tree.byId.has(row.areaId)) continue;
        const key = `${row.period}\u0000${row.areaId}`;
        let cell = cells.get(key);
        if (!cell) cells.set(key, (cell = { period: row.period, areaId: row.areaId, inputs: new Map() }));
        cell.inputs.set(codeById.get(row.indicatorId) as string, row);
      }
      const periods = requested ?? [...new Set(rows.map((r) => r.period))];
      periods.sort();
      const replaced: [unknown[], number] = await m.query(
        `DELETE FROM indicator_value WHERE tenant_id = $1 AND indicator_id = $2 AND period = ANY($3::text[])`,
        [tenantId, indicator.id, periods],
      );
      const derived = [...cells.values()].map((c) => ({ ...c, cell: deriveCell(formula, c.inputs, ratio) }));
      const BATCH = 5000;
      for (let i = 0; i < derived.length; i += BATCH) {
        const batch = derived.slice(i, i + BATCH);
        await m.query(
          `INSERT INTO indicator_value (tenant_id, indicator_id, period, area_id, status, value, numerator, denominator, definition_version, source_id, updated_at)
           SELECT $1, $2, p, a, s, v, n, d, $3, $4, now()
             FROM unnest($5::text[], $6::uuid[], $7::text[], $8::float8[], $9::float8[], $10::float8[]) AS x(p, a, s, v, n, d)`,
          [
            tenantId,
            indicator.id,
            indicator.version,
            sourceId,
            batch.map((d) => d.period),
            batch.map((d) => d.areaId),
            batch.map((d) => d.cell.status),
            batch.map((d) => d.cell.value),
            batch.map((d) => d.cell.numerator),
            batch.map((d) => d.cell.denominator),
          ],
        );
      }
      if (derived.length > 0 || replaced[1] > 0)
        await this.outbox.append(
          m,
          'indicator.values.changed',
          {
            tenantId,
            indicatorCode: indicator.code,
            definitionVersion: indicator.version,
            periods,
            areaIds: listedAreas(new Set(derived.map((d) => d.areaId))),
            sourceId,
          },
          { tenantId, key: `${tenantId}:${indicator.code}` },
        );
      const value = derived.filter((d) => d.cell.status === 'value').length;
      return {
        indicator: indicator.code,
        definitionVersion: indicator.version,
        sourceId,
        periods,
        ratio,
        ratioNote,
        counts: { cells: derived.length, value, missing: derived.length - value, replaced: replaced[1] },
      };
    });
    await this.cache.invalidate(tenantId);
    return result;
  }
}
