import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Caller } from '@quartier/auth';
import { OutboxWriter } from '@quartier/messaging';
import { deriveCell, formulaRatio, parseFormula, type StoredCell } from '@quartier/indicator-core';
import { CacheStore } from '@quartier/service-kit';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { tenantGeneration } from '../cache/tenant-generation';
import { CatalogueService } from '../catalogue/catalogue.service';
import { IndicatorDefinitionRepository } from '../catalogue/indicator-definition.repository';
import { requireTenantWide } from '../common/access';
import { AreaTree } from '../common/area-tree';
import { IndicatorServiceError } from '../common/indicator-service.error';
import { listedAreas } from '../events/changed-areas';
import { IndicatorValueRepository } from '../values/indicator-value.repository';

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
    private readonly cache: CacheStore,
    private readonly definitions: IndicatorDefinitionRepository,
    private readonly values: IndicatorValueRepository,
  ) {}

  async compute(caller: Caller, code: string, requested?: string[]): Promise<ComputeResult> {
    // A run spans every area of the tenant, like an import.
    requireTenantWide(caller.access);
    const { tenantId } = caller;
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
      const rows = await this.values.cellsOfIndicators(m, tenantId, elementIds, requested);
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
      const replaced = await this.values.deletePeriods(m, tenantId, indicator.id, periods);
      const derived = [...cells.values()].map((c) => ({ ...c, cell: deriveCell(formula, c.inputs, ratio) }));
      await this.values.insertCells(
        m,
        { tenantId, indicatorId: indicator.id, definitionVersion: indicator.version, sourceId },
        derived.map((d) => ({ period: d.period, areaId: d.areaId, ...d.cell })),
      );
      if (derived.length > 0 || replaced > 0)
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
        counts: { cells: derived.length, value, missing: derived.length - value, replaced },
      };
    });
    await this.cache.bumpGeneration(tenantGeneration(tenantId));
    return result;
  }
}
