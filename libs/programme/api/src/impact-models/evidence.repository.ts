import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { selectOne, type IndicatorValueRefRow } from '@quartier/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { PROGRAMME_CONNECTION } from '../programme.constants';

/** A value of the evidence read model with its area's population. */
export interface ValueRow extends IndicatorValueRefRow {
  population: number | null;
}

/** An indicator's value of one area (`status` other than 'value': none). */
export interface AreaValueRow {
  areaId: string;
  value: number | null;
  status: string;
}

/** A published survey result of one area and wave. */
export interface SurveyResultRow {
  period: string;
  value: number | null;
  n: number | null;
  suppressed: boolean;
  waveId: string;
}

/**
 * Reads of the evidence read models (indicator, survey and network facts the other services
 * publish), each in period order.
 */
@Injectable()
export class EvidenceRepository {
  constructor(@InjectDataSource(PROGRAMME_CONNECTION) private readonly db: DataSource) {}

  /** How the indicator service aggregates and publishes the indicator; null when unknown. */
  async indicator(tenantId: string, code: string): Promise<{ scale: number; minNumerator: number } | null> {
    return selectOne<{ scale: number; minNumerator: number }>(
      this.db,
      `SELECT scale, min_numerator AS "minNumerator" FROM indicator_ref WHERE tenant_id = $1 AND code = $2`,
      [tenantId, code],
    );
  }

  async indicatorValues(tenantId: string, code: string, areaIds: readonly string[]): Promise<ValueRow[]> {
    return this.db.query(
      `SELECT v.period, v.area_id AS "areaId", v.status, v.value, v.numerator, v.denominator, a.population
         FROM indicator_value_ref v LEFT JOIN area_ref a ON a.id = v.area_id
        WHERE v.tenant_id = $1 AND v.indicator_code = $2 AND v.area_id = ANY($3::uuid[])
        ORDER BY v.period`,
      [tenantId, code, areaIds],
    );
  }

  /** The latest period in which any of these areas has a value of the indicator. */
  async latestValuePeriod(
    tenantId: string,
    code: string,
    areaIds: readonly string[],
    manager: EntityManager = this.db.manager,
  ): Promise<string | undefined> {
    const [row] = await manager.query(
      `SELECT max(period) AS period FROM indicator_value_ref
        WHERE tenant_id = $1 AND indicator_code = $2 AND area_id = ANY($3::uuid[]) AND status = 'value'`,
      [tenantId, code, areaIds],
    );
    return row?.period ?? undefined;
  }

  async valuesOfPeriod(
    tenantId: string,
    code: string,
    period: string,
    areaIds: readonly string[],
    manager: EntityManager = this.db.manager,
  ): Promise<AreaValueRow[]> {
    return manager.query(
      `SELECT area_id AS "areaId", value, status FROM indicator_value_ref
        WHERE tenant_id = $1 AND indicator_code = $2 AND period = $3 AND area_id = ANY($4::uuid[])`,
      [tenantId, code, period, areaIds],
    );
  }

  async surveyResults(tenantId: string, surveyId: string, question: string): Promise<SurveyResultRow[]> {
    return this.db.query(
      `SELECT period, value, n, suppressed, wave_id AS "waveId" FROM survey_result_ref
        WHERE tenant_id = $1 AND survey_id = $2 AND question = $3 ORDER BY period`,
      [tenantId, surveyId, question],
    );
  }

  /** The whole network's measures per wave. */
  async networkMetrics(
    tenantId: string,
    networkId: string,
  ): Promise<{ period: string; metrics: Record<string, number> }[]> {
    return this.db.query(
      `SELECT period, metrics FROM network_metric_ref
        WHERE tenant_id = $1 AND network_id = $2 AND scope = 'network' ORDER BY period`,
      [tenantId, networkId],
    );
  }
}
