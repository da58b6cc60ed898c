import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Caller } from '@quartier/auth';
import { comparePeriods } from '@quartier/contracts';
import { periodCalendar, qualityFlags, resolveHierarchyValues } from '@quartier/indicator-core';
import { CacheStore } from '@quartier/service-kit';
import { LRUCache } from 'lru-cache';
import { tenantGeneration } from '../cache/tenant-generation';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { IndicatorView } from '../catalogue/indicator.dto';
import { readScope } from '../common/access';
import { AreaTree, type TenantAreas } from '../common/area-tree';
import { IndicatorValueRepository } from './indicator-value.repository';
import { toValueLayer } from './value-layer';
import {
  type CachedCell,
  shownAreas,
  statistics,
  summary,
  toAreaValue,
  pick,
  toCached,
  visibleArea,
} from './area-value';

const CACHE_TTL_SECONDS = 3600;
/**
 * Published reads aggregate a rate from the children that have values when those hold at least
 * this share of the population (flagged approximate, with the share): a district is not blank
 * because a planning area of 200 inhabitants is not published. Index runs stay strict.
 */
const PUBLISHED_MIN_COVERAGE = 0.95;
/**
 * Parsed map data and serialised responses kept in process, keyed like the shared cache, up to
 * 200 entries and a size: by count alone, 200 maps of 50,000 areas would hold gigabytes.
 */
const LOCAL_ENTRIES = 200;
/** Cells (areas × periods) the parsed memo keeps: about 100 MB of tuples. */
const LOCAL_CELLS = 1_000_000;
/** Characters of serialised responses kept (their gzip forms come on top, about a fifth). */
const LOCAL_RESPONSE_CHARS = 64 * 1024 * 1024;

/** A serialised map response; the gzip form is made on first demand and reused. */
export interface SerializedResponse {
  etag: string;
  json: string;
  gzip?: Buffer;
}

export interface RankingQuery {
  indicator: string;
  period: string;
  level: string;
  order?: 'asc' | 'desc';
  limit: number;
}

@Injectable()
export class ValuesService {
  private readonly parsed = new LRUCache<string, Map<string, CachedCell>>({
    max: LOCAL_ENTRIES,
    maxSize: LOCAL_CELLS,
    sizeCalculation: (cells) => Math.max(1, cells.size),
  });
  private readonly responses = new LRUCache<string, SerializedResponse>({
    max: LOCAL_ENTRIES,
    maxSize: LOCAL_RESPONSE_CHARS,
    sizeCalculation: (response) => Math.max(1, response.json.length),
  });

  constructor(
    private readonly values: IndicatorValueRepository,
    private readonly catalogue: CatalogueService,
    private readonly areas: AreaTree,
    private readonly cache: CacheStore,
  ) {}

  /**
   * Every area's published cell of one indicator and period (all levels): stored values,
   * aggregates for the levels above, suppression per the definition. Cached per tenant
   * generation; `indicator.values.changed` and area changes move the generation on.
   */
  async resolved(
    tenantId: string,
    indicator: IndicatorView,
    period: string,
    tree?: TenantAreas,
  ): Promise<Map<string, CachedCell>> {
    const areas = tree ?? (await this.areas.of(tenantId));
    const generation = await this.cache.generation(tenantGeneration(tenantId));
    const key = this.resolvedKey(tenantId, generation, areas, indicator, period);
    const local = this.parsed.get(key);
    if (local) return local;
    const hit = this.cache.shared ? await this.cache.get(key) : null;
    if (hit) {
      const cells = new Map((JSON.parse(hit) as CachedCell[]).map((c) => [c[0], c]));
      this.parsed.set(key, cells);
      return cells;
    }
    const rows = await this.values.cells(tenantId, indicator.id, period);
    const stored = new Map(rows.filter((r) => areas.byId.has(r.areaId)).map((r) => [r.areaId, r]));
    const cells = resolveHierarchyValues(areas.hierarchy, stored, {
      scale: indicator.effectiveScale,
      kind: indicator.unit === 'count' ? 'sum' : 'rate',
      suppression: indicator.confidentiality,
      minCoverage: PUBLISHED_MIN_COVERAGE,
    }).map(toCached);
    if (this.cache.shared) await this.cache.set(key, JSON.stringify(cells), CACHE_TTL_SECONDS);
    const resolved = new Map(cells.map((c) => [c[0], c]));
    this.parsed.set(key, resolved);
    return resolved;
  }

  /** In the shared cache under `quartier:indicator:map:v2:…` (CacheStore's namespace first). */
  private resolvedKey(
    tenantId: string,
    generation: number,
    areas: TenantAreas,
    indicator: IndicatorView,
    period: string,
  ): string {
    return `indicator:map:v2:${tenantId}:${generation}:${areas.stamp}:${indicator.id}:${indicator.version}:${period}:p`;
  }

  /**
   * The map request, serialised once per (data generation, indicator version, period, level,
   * parent, caller scope) and then served from memory: the hot path of the explorer.
   */
  mapResponse(
    caller: Caller,
    query: { indicator: string; period: string; level: string; parent?: string },
    format: 'records' | 'layer' = 'records',
  ): Promise<SerializedResponse> {
    return this.serialized(caller, query, format, async () => {
      const map = await this.map(caller, query);
      return format === 'layer' ? toValueLayer(map) : map;
    });
  }

  /** The ranking, kept like the map: at 50,000 areas it sorts them all (a third of a second). */
  rankingResponse(caller: Caller, query: RankingQuery): Promise<SerializedResponse> {
    return this.serialized(caller, query, `ranking:${query.order ?? ''}:${query.limit}`, () =>
      this.ranking(caller, query),
    );
  }

  private async serialized(
    caller: Caller,
    query: { indicator: string; period: string; level: string; parent?: string },
    variant: string,
    build: () => Promise<unknown>,
  ): Promise<SerializedResponse> {
    const { access, tenantId } = caller;
    const indicator = await this.catalogue.get(tenantId, query.indicator);
    const tree = await this.areas.of(tenantId);
    const generation = await this.cache.generation(tenantGeneration(tenantId));
    const scope = readScope(access);
    const key = `${this.resolvedKey(tenantId, generation, tree, indicator, query.period)}:${query.level}:${query.parent ?? ''}:${scope === 'all' ? '*' : scope.join(',')}:${variant}`;
    const hit = this.responses.get(key);
    if (hit) return hit;
    const json = JSON.stringify(await build());
    const response = { etag: `"${createHash('sha1').update(key).digest('base64url')}"`, json };
    this.responses.set(key, response);
    return response;
  }

  async map(caller: Caller, query: { indicator: string; period: string; level: string; parent?: string }) {
    const { access, tenantId } = caller;
    const indicator = await this.catalogue.get(tenantId, query.indicator);
    const tree = await this.areas.withLevel(tenantId, query.level);
    const cells = await this.resolved(tenantId, indicator, query.period, tree);
    const items = shownAreas(tree, readScope(access), query).map((area) =>
      toAreaValue(area, cells.get(area.id)),
    );
    return {
      indicator: summary(indicator),
      period: query.period,
      level: query.level,
      items,
      statistics: statistics(items),
    };
  }

  /**
   * The map data of several indicators and periods over one level in one answer: what a report
   * reads, without a request per indicator and period. Same cells, scope and order as `map`.
   */
  async maps(
    caller: Caller,
    query: { indicators: string[]; periods?: string[]; latest?: number; level: string; parent?: string },
  ) {
    const { access, tenantId } = caller;
    const tree = await this.areas.withLevel(tenantId, query.level);
    const shown = shownAreas(tree, readScope(access), query);
    const indicators = [];
    for (const code of query.indicators) {
      const indicator = await this.catalogue.get(tenantId, code);
      const periods =
        query.periods ?? (await this.periods(tenantId, indicator.id)).slice(-(query.latest ?? 1));
      const maps = [];
      for (const period of periods) {
        const cells = await this.resolved(tenantId, indicator, period, tree);
        const items = shown.map((area) => toAreaValue(area, cells.get(area.id)));
        maps.push({ period, items, statistics: statistics(items) });
      }
      indicators.push({ indicator: summary(indicator), periods: maps });
    }
    return { level: query.level, parent: query.parent ?? null, indicators };
  }

  async series(caller: Caller, code: string, areaId: string) {
    const { access, tenantId } = caller;
    const indicator = await this.catalogue.get(tenantId, code);
    const tree = await this.areas.of(tenantId);
    const area = visibleArea(tree, readScope(access), areaId);
    const periods = await this.periods(tenantId, indicator.id);
    const points = [];
    for (const period of periods) {
      const cell = (await this.resolved(tenantId, indicator, period, tree)).get(areaId);
      points.push({ period, ...pick(toAreaValue(area, cell)) });
    }
    return {
      indicator: summary(indicator),
      area: { id: area.id, code: area.code, name: area.name, level: area.level },
      points,
    };
  }

  async ranking(caller: Caller, query: RankingQuery) {
    const map = await this.map(caller, query);
    const order = query.order ?? (map.indicator.polarity === 'higher-is-better' ? 'asc' : 'desc');
    const ranked = map.items
      .filter((i) => i.status === 'value')
      .sort(
        (a, b) =>
          (order === 'desc'
            ? (b.value as number) - (a.value as number)
            : (a.value as number) - (b.value as number)) || (a.code < b.code ? -1 : 1),
      );
    let rank = 0;
    const items = ranked.slice(0, query.limit).map((item, i) => {
      // Competition ranking (1, 2, 2, 4): tied values share a rank.
      if (i === 0 || item.value !== ranked[i - 1].value) rank = i + 1;
      return { rank, ...item };
    });
    const unranked = map.items
      .filter((i) => i.status !== 'value')
      .map((i) => ({ areaId: i.areaId, code: i.code, name: i.name, status: i.status, reason: i.reason }));
    return {
      indicator: map.indicator,
      period: map.period,
      level: map.level,
      order,
      total: ranked.length,
      items,
      unranked,
    };
  }

  async compare(caller: Caller, query: { indicators: string[]; areas: string[]; period: string }) {
    const { access, tenantId } = caller;
    const tree = await this.areas.of(tenantId);
    const scope = readScope(access);
    const areas = query.areas.map((id) => visibleArea(tree, scope, id));
    const rows = [];
    for (const code of query.indicators) {
      const indicator = await this.catalogue.get(tenantId, code);
      const cells = await this.resolved(tenantId, indicator, query.period, tree);
      rows.push({ indicator: summary(indicator), values: areas.map((a) => toAreaValue(a, cells.get(a.id))) });
    }
    return {
      period: query.period,
      areas: areas.map((a) => ({ id: a.id, code: a.code, name: a.name, level: a.level })),
      rows,
    };
  }

  /**
   * Data-quality flags of the published values of one level. Peers are the other shown areas
   * (the caller's scope, under `parent`): comparing with areas the caller may not see would
   * leak their values through the reported median. Suppressed cells are not values to check
   * and not gaps either (the data exists, it is just not published), so they only count.
   */
  async quality(
    caller: Caller,
    query: { indicator: string; level: string; parent?: string; threshold?: number },
  ) {
    const { access, tenantId } = caller;
    const indicator = await this.catalogue.get(tenantId, query.indicator);
    const tree = await this.areas.withLevel(tenantId, query.level);
    const shown = shownAreas(tree, readScope(access), query);
    const calendar = periodCalendar(await this.periods(tenantId, indicator.id));
    const suppressed = new Set<string>();
    const series = shown.map((a) => ({
      area: a.id,
      points: [] as { period: string; value: number | null }[],
    }));
    for (const period of calendar) {
      const cells = await this.resolved(tenantId, indicator, period, tree);
      series.forEach((s) => {
        const cell = cells.get(s.area);
        if (cell?.[1] === 'suppressed') suppressed.add(`${s.area}\u0000${period}`);
        s.points.push({ period, value: cell?.[1] === 'value' ? cell[2] : null });
      });
    }
    const flags = qualityFlags(series, calendar, {
      plausible: indicator.plausible,
      ...(query.threshold !== undefined ? { outlierThreshold: query.threshold } : {}),
    }).filter((f) => !(f.code === 'gap' && suppressed.has(`${f.area}\u0000${f.period}`)));
    const byArea = new Map<string, WithoutArea<(typeof flags)[number]>[]>();
    const counts: Record<string, number> = {
      implausible: 0,
      'outlier-history': 0,
      'outlier-peers': 0,
      gap: 0,
    };
    for (const { area, ...flag } of flags) {
      counts[flag.code]++;
      byArea.set(area, [...(byArea.get(area) ?? []), flag]);
    }
    return {
      indicator: summary(indicator),
      level: query.level,
      periods: calendar,
      plausible: indicator.plausible ?? null,
      counts: { ...counts, suppressed: suppressed.size },
      items: shown.map((a) => ({
        areaId: a.id,
        code: a.code,
        name: a.name,
        flags: byArea.get(a.id) ?? [],
      })),
    };
  }

  async periods(tenantId: string, indicatorId: string): Promise<string[]> {
    return (await this.values.periods(tenantId, indicatorId)).sort(comparePeriods);
  }

  async periodsOf(tenantId: string, code: string) {
    const indicator = await this.catalogue.get(tenantId, code);
    return { indicator: summary(indicator), periods: await this.periods(tenantId, indicator.id) };
  }
}

/** A flag without its area, per kind of flag (`Omit` of the union would keep only the shared keys). */
type WithoutArea<F> = F extends unknown ? Omit<F, 'area'> : never;
