import type {
  AreaGeometry,
  PinnedArea,
  PinnedLevel,
  PinnedTenant,
  WithheldTopic,
} from '@quartier/reporting-core';
import { isRefusal, type ServiceClient } from '../upstream/service-client';
import type { z } from 'zod';
import {
  areaPageSchema,
  featureCollectionSchema,
  indicatorListSchema,
  tenantSchema,
} from '../upstream/upstream.schemas';

/** Requests in flight at once per gathering: enough to overlap latency, gentle on the services. */
const PARALLEL_REQUESTS = 6;
const AREA_PAGE = 1000;

/** Runs `tasks` with at most `limit` at a time, keeping their order in the result. */
export async function inParallel<T>(
  tasks: readonly (() => Promise<T>)[],
  limit = PARALLEL_REQUESTS,
): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * What every report gathers first (tenant, its levels and areas, geometries), and the record of
 * topics the reader may not see. One per report request, acting with the reader's token.
 */
export class Gathering {
  readonly withheld = new Set<WithheldTopic>();
  private catalogue?: Promise<z.infer<typeof indicatorListSchema>>;

  constructor(readonly client: ServiceClient) {}

  /** The tenant's indicator catalogue, read once per gathering (several topics need it). */
  indicatorCatalogue(): Promise<z.infer<typeof indicatorListSchema>> {
    this.catalogue ??= this.client.get('indicator', '/api/indicator/indicators', indicatorListSchema);
    return this.catalogue;
  }

  async tenant(): Promise<PinnedTenant> {
    const tenant = await this.client.get('registry', '/api/registry/tenants/current', tenantSchema);
    const levels: PinnedLevel[] = [...tenant.levels].sort((a, b) => a.rank - b.rank);
    return { id: tenant.id, name: tenant.name, levels };
  }

  /** Every area of the given levels (area master data is visible to every member of the tenant). */
  async areas(levels: readonly string[]): Promise<PinnedArea[]> {
    const pages = await inParallel(levels.map((level) => () => this.areasOf(level)));
    return pages.flat();
  }

  private async areasOf(level: string): Promise<PinnedArea[]> {
    const areas: PinnedArea[] = [];
    for (let offset = 0; ; offset += AREA_PAGE) {
      const page = await this.client.get('registry', '/api/registry/areas', areaPageSchema, {
        level,
        limit: AREA_PAGE,
        offset,
      });
      areas.push(...page.items);
      if (page.items.length < AREA_PAGE || areas.length >= page.total) return areas;
    }
  }

  /** Geometries of a level (or of the areas below `parent` on it), kept only for `keep`. */
  async geometry(
    level: string,
    keep?: ReadonlySet<string>,
    parent?: string,
  ): Promise<Record<string, AreaGeometry>> {
    const collection = await this.client.get(
      'registry',
      '/api/registry/areas/geojson',
      featureCollectionSchema,
      {
        level,
        parent,
      },
    );
    const out: Record<string, AreaGeometry> = {};
    for (const feature of collection.features)
      if (feature.geometry && (!keep || keep.has(feature.properties.id)))
        out[feature.properties.id] = feature.geometry as AreaGeometry;
    return out;
  }

  /** Geometries of every area of the given levels, in one record by area id. */
  async geometries(levels: readonly string[]): Promise<Record<string, AreaGeometry>> {
    const perLevel = await inParallel(levels.map((level) => () => this.geometry(level)));
    return Object.assign({}, ...perLevel);
  }

  /**
   * Runs a topic's gathering; a refusal (the reader's role may not see it) leaves the topic out
   * and records it, so the report says "not released for your role" instead of "no data".
   */
  async topic<T>(topic: WithheldTopic, empty: T, gather: () => Promise<T>): Promise<T> {
    try {
      return await gather();
    } catch (error) {
      if (!isRefusal(error)) throw error;
      this.withheld.add(topic);
      return empty;
    }
  }
}
