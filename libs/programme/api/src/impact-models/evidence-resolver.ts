import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActualObservation, EvidenceSource } from '@quartier/programme-core';
import type { IndicatorValueRefRow } from '@quartier/service-kit';
import type { DataSource } from 'typeorm';
import { PROGRAMME_CONNECTION } from '../programme.constants';

/** A value of the evidence read model with its area's population. */
interface ValueRow extends IndicatorValueRefRow {
  population: number | null;
}

/**
 * The live actuals of an evidence source, per period, from the evidence read models the
 * indicator, survey and network services feed:
 *  - an indicator over a set of areas is aggregated as the indicator service aggregates: the
 *    ratio of summed numerators and denominators (× the indicator's scale) when every area has
 *    counts, else a population-weighted mean; an aggregate whose numerator is below the
 *    indicator's publication minimum is suppressed;
 *  - a survey item is the respondent-weighted mean of the published area values of its latest
 *    waves (k-anonymous cells only — suppressed areas do not contribute);
 *  - a network measure is the whole network's (or, for actors, their areas') value per wave.
 */
@Injectable()
export class EvidenceResolver {
  constructor(@InjectDataSource(PROGRAMME_CONNECTION) private readonly db: DataSource) {}

  async actuals(
    tenantId: string,
    source: EvidenceSource,
    programmeAreaIds: readonly string[],
  ): Promise<ActualObservation[]> {
    switch (source.kind) {
      case 'indicator':
        return this.indicator(
          tenantId,
          source.indicatorCode,
          source.areas.kind === 'programme-areas' ? programmeAreaIds : source.areas.areaIds,
        );
      case 'survey':
        return this.survey(tenantId, source.surveyId, source.question);
      case 'network':
        // The network service publishes measures of the whole network and of actors' areas; a
        // measure over an arbitrary actor set is no published fact, so it has no live actual.
        return source.measure.kind === 'graph'
          ? this.network(tenantId, source.networkId, source.measure.metric)
          : [];
    }
  }

  private async indicator(
    tenantId: string,
    code: string,
    areaIds: readonly string[],
  ): Promise<ActualObservation[]> {
    if (areaIds.length === 0) return [];
    const refs: { scale: number; minNumerator: number }[] = await this.db.query(
      `SELECT scale, min_numerator AS "minNumerator" FROM indicator_ref WHERE tenant_id = $1 AND code = $2`,
      [tenantId, code],
    );
    if (refs.length === 0) return [];
    const [{ scale, minNumerator }] = refs;
    const rows: ValueRow[] = await this.db.query(
      `SELECT v.period, v.area_id AS "areaId", v.status, v.value, v.numerator, v.denominator, a.population
         FROM indicator_value_ref v LEFT JOIN area_ref a ON a.id = v.area_id
        WHERE v.tenant_id = $1 AND v.indicator_code = $2 AND v.area_id = ANY($3::uuid[])
        ORDER BY v.period`,
      [tenantId, code, areaIds],
    );
    const byPeriod = new Map<string, ValueRow[]>();
    for (const r of rows) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
    const origin = `indicator ${code} over ${areaIds.length} area(s)`;
    const out: ActualObservation[] = [];
    for (const [period, cells] of [...byPeriod.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      // Every area must have a value: an aggregate over a part of the set would be a different measure.
      if (cells.length < areaIds.length || cells.some((c) => c.status === 'missing')) continue;
      const counted = cells.every((c) => c.numerator !== null && c.denominator !== null);
      if (counted) {
        const numerator = cells.reduce((s, c) => s + (c.numerator as number), 0);
        const denominator = cells.reduce((s, c) => s + (c.denominator as number), 0);
        if (denominator === 0) continue;
        if (numerator < minNumerator) out.push({ status: 'suppressed', period, origin });
        else out.push({ status: 'value', value: (numerator / denominator) * scale, period, origin });
        continue;
      }
      if (cells.some((c) => c.status !== 'value' || c.population === null)) {
        out.push({ status: 'suppressed', period, origin });
        continue;
      }
      const weight = cells.reduce((s, c) => s + (c.population as number), 0);
      if (weight === 0) continue;
      const value = cells.reduce((s, c) => s + (c.value as number) * (c.population as number), 0) / weight;
      out.push({ status: 'value', value, period, origin: `${origin} (population-weighted mean)` });
    }
    return out;
  }

  private async survey(tenantId: string, surveyId: string, question: string): Promise<ActualObservation[]> {
    const rows: {
      period: string;
      value: number | null;
      n: number | null;
      suppressed: boolean;
      waveId: string;
    }[] = await this.db.query(
      `SELECT period, value, n, suppressed, wave_id AS "waveId" FROM survey_result_ref
          WHERE tenant_id = $1 AND survey_id = $2 AND question = $3 ORDER BY period`,
      [tenantId, surveyId, question],
    );
    const byPeriod = new Map<string, typeof rows>();
    for (const r of rows) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
    return [...byPeriod.entries()].map(([period, cells]): ActualObservation => {
      const published = cells.filter((c) => !c.suppressed && c.value !== null && c.n !== null);
      const n = published.reduce((s, c) => s + (c.n as number), 0);
      const origin = `survey ${surveyId} item ${question}`;
      if (n === 0) return { status: 'suppressed', period, origin };
      const value = published.reduce((s, c) => s + (c.value as number) * (c.n as number), 0) / n;
      return { status: 'value', value, period, origin: `${origin}, ${n} respondents in published areas` };
    });
  }

  private async network(tenantId: string, networkId: string, metric: string): Promise<ActualObservation[]> {
    const rows: { period: string; metrics: Record<string, number> }[] = await this.db.query(
      `SELECT period, metrics FROM network_metric_ref
        WHERE tenant_id = $1 AND network_id = $2 AND scope = 'network' ORDER BY period`,
      [tenantId, networkId],
    );
    const origin = `network ${networkId} ${metric}`;
    return rows.map((r): ActualObservation =>
      typeof r.metrics[metric] === 'number'
        ? { status: 'value', value: r.metrics[metric], period: r.period, origin }
        : { status: 'missing', period: r.period },
    );
  }
}
