import { Injectable } from '@nestjs/common';
import type { ActualObservation, EvidenceSource } from '@quartier/programme-core';
import { EvidenceRepository, type ValueRow } from './evidence.repository';

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
  constructor(private readonly evidence: EvidenceRepository) {}

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
    const indicator = await this.evidence.indicator(tenantId, code);
    if (!indicator) return [];
    const { scale, minNumerator } = indicator;
    const rows = await this.evidence.indicatorValues(tenantId, code, areaIds);
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
    const rows = await this.evidence.surveyResults(tenantId, surveyId, question);
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
    const rows = await this.evidence.networkMetrics(tenantId, networkId);
    const origin = `network ${networkId} ${metric}`;
    return rows.map((r): ActualObservation =>
      typeof r.metrics[metric] === 'number'
        ? { status: 'value', value: r.metrics[metric], period: r.period, origin }
        : { status: 'missing', period: r.period },
    );
  }
}
