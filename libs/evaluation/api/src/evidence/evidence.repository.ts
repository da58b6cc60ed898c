import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IndicatorValueRefRow } from '@quartier/service-kit';
import type { DataSource } from 'typeorm';
import { EVALUATION_CONNECTION } from '../evaluation.constants';

export interface IndicatorRefRow {
  code: string;
  name: string;
  unit: string;
  polarity: 'higher-is-better' | 'higher-is-worse' | 'neutral';
  scale: number;
  minNumerator: number;
  definitionVersion: number;
}

/** A value of the evidence read model, with the indicator it belongs to. */
export interface ValueRefRow extends IndicatorValueRefRow {
  indicator: string;
}

export interface SurveyRefRow {
  surveyId: string;
  waveId: string;
  item: string;
  name: string;
  question: string;
  measure: 'share' | 'topTwoBox' | 'mean';
  period: string;
  areaId: string;
  suppressed: boolean;
  value: number | null;
  n: number | null;
}

export interface NetworkRefRow {
  networkId: string;
  waveId: string;
  areaId: string | null;
  scope: 'network' | 'area';
  period: string;
  metrics: Record<string, number>;
}

export interface SurveyCatalogueRow {
  code: string;
  name: string;
  question: string;
  measure: string;
  waves: number;
}

export interface NetworkCatalogueRow {
  measure: string;
  networks: number;
}

/** SQL over the evidence read models the indicator, survey and network services feed. */
@Injectable()
export class EvidenceRepository {
  constructor(@InjectDataSource(EVALUATION_CONNECTION) readonly db: DataSource) {}

  async indicators(tenantId: string, codes?: readonly string[]): Promise<IndicatorRefRow[]> {
    return this.db.query(
      `SELECT code, name, unit, polarity, scale, min_numerator AS "minNumerator", definition_version AS "definitionVersion"
         FROM indicator_ref WHERE tenant_id = $1 AND ($2::text[] IS NULL OR code = ANY($2::text[])) ORDER BY code`,
      [tenantId, codes ?? null],
    );
  }

  /** Distinct periods with a value row of any of the indicators in any of the areas. */
  async periods(tenantId: string, codes: readonly string[], areaIds: readonly string[]): Promise<string[]> {
    if (codes.length === 0 || areaIds.length === 0) return [];
    const rows: { period: string }[] = await this.db.query(
      `SELECT DISTINCT period FROM indicator_value_ref
        WHERE tenant_id = $1 AND indicator_code = ANY($2::text[]) AND area_id = ANY($3::uuid[]) ORDER BY period`,
      [tenantId, codes, areaIds],
    );
    return rows.map((r) => r.period);
  }

  async values(
    tenantId: string,
    codes: readonly string[],
    areaIds: readonly string[],
    periods: readonly string[],
  ): Promise<ValueRefRow[]> {
    if (codes.length === 0 || areaIds.length === 0 || periods.length === 0) return [];
    return this.db.query(
      `SELECT indicator_code AS indicator, period, area_id AS "areaId", status, value, numerator, denominator
         FROM indicator_value_ref
        WHERE tenant_id = $1 AND indicator_code = ANY($2::text[]) AND area_id = ANY($3::uuid[]) AND period = ANY($4::text[])`,
      [tenantId, codes, areaIds, periods],
    );
  }

  /** Published survey cells (suppressed ones without a value) of the items in the areas. */
  async survey(
    tenantId: string,
    items: readonly string[],
    areaIds: readonly string[],
  ): Promise<SurveyRefRow[]> {
    if (items.length === 0 || areaIds.length === 0) return [];
    return this.db.query(
      `SELECT survey_id AS "surveyId", wave_id AS "waveId", indicator_code AS item, name, question, measure, period,
              area_id AS "areaId", suppressed, value, n
         FROM survey_result_ref
        WHERE tenant_id = $1 AND indicator_code = ANY($2::text[]) AND area_id = ANY($3::uuid[])`,
      [tenantId, items, areaIds],
    );
  }

  /** Measures of networks (whole network or actors) tied to one of the areas. */
  async network(tenantId: string, areaIds: readonly string[]): Promise<NetworkRefRow[]> {
    if (areaIds.length === 0) return [];
    return this.db.query(
      `SELECT network_id AS "networkId", wave_id AS "waveId", area_key AS "areaId", scope, period, metrics
         FROM network_metric_ref WHERE tenant_id = $1 AND area_key = ANY($2::text[])`,
      [tenantId, areaIds],
    );
  }

  /** Indicators with the periods they have values for (choices for outcomes and matching). */
  async indicatorCatalogue(tenantId: string): Promise<(IndicatorRefRow & { periods: string[] })[]> {
    return this.db.query(
      `SELECT i.code, i.name, i.unit, i.polarity, i.scale, i.min_numerator AS "minNumerator",
              i.definition_version AS "definitionVersion",
              coalesce((SELECT array_agg(DISTINCT v.period ORDER BY v.period) FROM indicator_value_ref v
                         WHERE v.tenant_id = i.tenant_id AND v.indicator_code = i.code), '{}') AS periods
         FROM indicator_ref i WHERE i.tenant_id = $1 ORDER BY i.code`,
      [tenantId],
    );
  }

  async surveyCatalogue(tenantId: string): Promise<SurveyCatalogueRow[]> {
    return this.db.query(
      `SELECT indicator_code AS code, min(name) AS name, min(question) AS question, min(measure) AS measure,
              count(DISTINCT wave_id)::int AS waves
         FROM survey_result_ref WHERE tenant_id = $1 GROUP BY indicator_code ORDER BY indicator_code`,
      [tenantId],
    );
  }

  async networkCatalogue(tenantId: string): Promise<NetworkCatalogueRow[]> {
    return this.db.query(
      `SELECT m.key AS measure, count(DISTINCT n.network_id)::int AS networks
         FROM network_metric_ref n, jsonb_object_keys(n.metrics) AS m(key)
        WHERE n.tenant_id = $1 GROUP BY m.key ORDER BY m.key`,
      [tenantId],
    );
  }
}
