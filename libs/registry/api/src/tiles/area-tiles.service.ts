import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AREA_RASTER_SIZE,
  AREA_TILE_LAYER,
  AREA_TILE_MAX_ZOOM,
  AreaTileIndex,
  RegistryError,
} from '@quartier/registry-core';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AreaRepository } from '../areas/area.repository';
import { AreasService } from '../areas/areas.service';
import { AreaWrites } from '../areas/area-writes';
import { TenantEntity } from '../entities/tenant.entity';
import { REGISTRY_CONNECTION } from '../registry.constants';
import { encodeAreaIdPng } from './area-id-png';
import type { areaCodesSchema } from './area-tiles.dto';

/** A vector tile, an area-id raster or a level's codes, encoded once and cached by the stamp. */
export interface EncodedTile {
  contentType: string;
  etag: string;
  /** The body gzip-encoded (what browsers accept), unless it is compressed already; `raw` for the rest. */
  gzip?: Buffer;
  raw: Buffer;
}

/** `pbf`: vector tile; `png`: raster of area ids. */
export type TileFormat = 'pbf' | 'png';

interface LevelTiles {
  stamp: string;
  index: Promise<AreaTileIndex>;
}

/** How long a level's change stamp is trusted before it is read again. */
const STAMP_TTL_MS = 1000;
const MAX_INDEXES = 8;
const TILE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Area boundaries of one level of the current area version as vector tiles (for maps of tens
 * of thousands of areas: a full-city view is a handful of tiles instead of the whole GeoJSON).
 * Each level's geometry is loaded and projected once into an in-memory index, rebuilt when the
 * level changes (count or last update); encoded tiles are cached by that stamp.
 */
@Injectable()
export class AreaTilesService {
  private readonly indexes = new LRUCache<string, LevelTiles>({ max: MAX_INDEXES });
  // Stale-while-revalidate: once a level's stamp is known, a tile request never waits for the
  // stamp query (a count over the level's areas: tens of ms at 50,000 areas, the bulk of a warm
  // tile's time); the first request after the TTL answers from the known stamp and refreshes it.
  // Keyed by the tenant's committed area writes in this process too (AreaWrites): after an
  // import or an edit here, the next request reads the stamp afresh instead of answering stale.
  private readonly stamps = new LRUCache<string, string, { tenantId: string; level: string }>({
    max: 256,
    ttl: STAMP_TTL_MS,
    allowStale: true,
    noDeleteOnFetchRejection: true,
    fetchMethod: (_key, _stale, { context }) => this.readStamp(context.tenantId, context.level),
  });
  private readonly tiles = new LRUCache<string, EncodedTile>({
    maxSize: TILE_CACHE_BYTES,
    sizeCalculation: (tile) => (tile.gzip?.length ?? 0) + tile.raw.length + 200,
  });

  constructor(
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly areas: AreasService,
    private readonly bulk: AreaRepository,
    private readonly writes: AreaWrites,
  ) {}

  /** TileJSON 3.0 of a level: bounds, zoom range, the layer and its fields, the id rasters. */
  async tileJson(tenantId: string, level: string) {
    const { index } = await this.level(tenantId, level);
    const tiles = await index;
    const base = `/api/registry/tiles/${encodeURIComponent(level)}`;
    return {
      tilejson: '3.0.0',
      name: level,
      scheme: 'xyz',
      tiles: [`${base}/{z}/{x}/{y}.pbf`],
      minzoom: 0,
      maxzoom: AREA_TILE_MAX_ZOOM,
      bounds: tiles.bounds ?? [-180, -85.05, 180, 85.05],
      vector_layers: [
        {
          id: AREA_TILE_LAYER,
          description: 'One polygon per area; id and name from zoom 10 on',
          fields: { code: 'String', id: 'String', name: 'String' },
        },
      ],
      areas: tiles.size,
      raster: { tiles: [`${base}/{z}/{x}/{y}.png`], tileSize: AREA_RASTER_SIZE, codes: `${base}/codes` },
    };
  }

  /** Tile z/x/y as a vector tile or as a PNG of area ids (already compressed: never gzipped). */
  tile(tenantId: string, level: string, z: number, x: number, y: number, format: TileFormat = 'pbf') {
    return this.cached(tenantId, level, `${z}/${x}/${y}.${format}`, (index) =>
      format === 'pbf'
        ? encoded('application/vnd.mapbox-vector-tile', Buffer.from(index.tile(z, x, y)))
        : { contentType: 'image/png', raw: encodeAreaIdPng(index.rasterTile(z, x, y), AREA_RASTER_SIZE) },
    );
  }

  /** The level's area codes by raster ordinal, as JSON. */
  codes(tenantId: string, level: string) {
    return this.cached(tenantId, level, 'codes', (index) => {
      const body: z.output<typeof areaCodesSchema> = { codes: index.codes() };
      return encoded('application/json; charset=utf-8', Buffer.from(JSON.stringify(body)));
    });
  }

  private async cached(
    tenantId: string,
    level: string,
    name: string,
    encode: (index: AreaTileIndex) => Omit<EncodedTile, 'etag'>,
  ): Promise<EncodedTile> {
    const { stamp, index } = await this.level(tenantId, level);
    const key = `${tenantId}\u0000${level}\u0000${stamp}\u0000${name}`;
    const cached = this.tiles.get(key);
    if (cached) return cached;
    const tile = { ...encode(await index), etag: `"${createHash('sha1').update(key).digest('base64url')}"` };
    this.tiles.set(key, tile);
    return tile;
  }

  private async level(tenantId: string, level: string): Promise<LevelTiles> {
    const stamp = await this.stamp(tenantId, level);
    const key = `${tenantId}\u0000${level}`;
    const known = this.indexes.get(key);
    if (known?.stamp === stamp) return known;
    const entry: LevelTiles = { stamp, index: this.build(tenantId, level, stamp) };
    entry.index.catch(() => this.indexes.delete(key));
    this.indexes.set(key, entry);
    return entry;
  }

  /** Version, count and last change of the level's areas: a new stamp means new tiles. */
  private async stamp(tenantId: string, level: string): Promise<string> {
    const stamp = await this.stamps.fetch(`${tenantId}\u0000${level}\u0000${this.writes.count(tenantId)}`, {
      context: { tenantId, level },
    });
    if (stamp === undefined) throw new Error(`no stamp for level ${level}`);
    return stamp;
  }

  private async readStamp(tenantId: string, level: string): Promise<string> {
    const tenant = await this.db.getRepository(TenantEntity).findOneBy({ id: tenantId });
    if (!tenant) throw new RegistryError('TenantNotFound', `tenant ${tenantId} not found`);
    if (!tenant.levels.some((l) => l.key === level))
      throw new RegistryError('TilesNotFound', `no tiles: level ${level} not found`);
    const version = await this.areas.currentVersion(tenantId);
    const state = await this.bulk.levelState({ tenantId, versionId: version?.id ?? null, level });
    return `${version?.id ?? 'none'}:${state.count}:${state.changedAt ?? ''}`;
  }

  private async build(tenantId: string, level: string, stamp: string): Promise<AreaTileIndex> {
    const versionId = stamp.split(':')[0];
    const rows = versionId === 'none' ? [] : await this.bulk.geometries({ tenantId, versionId, level });
    return new AreaTileIndex(rows);
  }
}

function encoded(contentType: string, raw: Buffer): Omit<EncodedTile, 'etag'> {
  return { contentType, raw, gzip: gzipSync(raw, { level: 6 }) };
}
