import { Injectable, inject } from '@angular/core';
import { Auth } from './auth/auth';
import {
  RegistryClient,
  type AreaChanges,
  type AreaDetail,
  type AreaFeatureCollection,
  type AreaImportJob,
  type AreaImportOptions,
  type AreaQuery,
  type AreaSummary,
  type AreaTiles,
  type Me,
  type NewRoleAssignment,
  type RoleAssignment,
  type Tenant,
} from './openapi/registry-client';
import { PORTAL_CONFIG } from './portal-config.token';
import { absoluteTileUrl } from './tile-url';

/**
 * The registry calls the portal's pages make (`/api/registry`), by name, over the client
 * generated from the registry's OpenAPI document. Promises: each call is one request.
 */
@Injectable({ providedIn: 'root' })
export class RegistryApi {
  private readonly client = inject(RegistryClient);
  private readonly origin = inject(PORTAL_CONFIG).apiBaseUrl;
  private readonly auth = inject(Auth);

  me(): Promise<Me> {
    return this.client.get('/api/registry/me');
  }

  currentTenant(): Promise<Tenant> {
    return this.client.get('/api/registry/tenants/current');
  }

  areas(query: AreaQuery): Promise<{ items: AreaSummary[]; total: number }> {
    return this.client.get('/api/registry/areas', { query });
  }

  area(id: string): Promise<AreaDetail> {
    return this.client.get('/api/registry/areas/{id}', { path: { id } });
  }

  areaGeoJson(level: string, parent?: string): Promise<AreaFeatureCollection> {
    return this.client.get('/api/registry/areas/geojson', { query: { level, parent } });
  }

  /**
   * The level's vector tiles (TileJSON; tile URLs made absolute) for maps of many areas: the
   * GeoJSON of 50,000 blocks is tens of megabytes, a full-city view in tiles about one.
   */
  async areaTiles(level: string): Promise<AreaTiles> {
    const tileJson = await this.client.get('/api/registry/tiles/{level}', { path: { level } });
    const absolute = (t: string) => absoluteTileUrl(`${this.origin}${t}`, document.baseURI);
    return {
      ...tileJson,
      tiles: tileJson.tiles.map(absolute),
      raster: { ...tileJson.raster, tiles: tileJson.raster.tiles.map(absolute) },
    };
  }

  /** The area codes by ordinal of the level's id raster (a pixel holds ordinal + 1). */
  async tileCodes(level: string): Promise<readonly string[]> {
    return (await this.client.get('/api/registry/tiles/{level}/codes', { path: { level } })).codes;
  }

  /** A tile of the API as a file (an id raster's PNG), with the token. */
  async tileBlob(url: string): Promise<Blob> {
    const request = this.tileRequest(url);
    const response = await fetch(request.url, { headers: request.headers });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${url}`);
    return response.blob();
  }

  /** MapLibre's `transformRequest` for tile URLs of the API: they need the bearer token too. */
  tileRequest(url: string): { url: string; headers?: Record<string, string> } {
    const token = this.auth.accessToken();
    const api = new URL(`${this.origin}/api/registry/`, document.baseURI).href;
    return token && url.startsWith(api) ? { url, headers: { Authorization: `Bearer ${token}` } } : { url };
  }

  updateArea(id: string, changes: AreaChanges): Promise<AreaSummary> {
    return this.client.patch('/api/registry/areas/{id}', { path: { id }, body: changes });
  }

  /** The file goes up as-is (no parsing in the browser: it may be 100 MB). */
  startAreaImport(file: Blob, options: AreaImportOptions): Promise<AreaImportJob> {
    return this.client.upload('post', '/api/registry/area-imports', file, 'application/geo+json', {
      query: options,
    });
  }

  areaImport(id: string): Promise<AreaImportJob> {
    return this.client.get('/api/registry/area-imports/{id}', { path: { id } });
  }

  roleAssignments(query: {
    subject?: string;
    limit?: number;
    offset?: number;
  }): Promise<{ items: RoleAssignment[]; total: number }> {
    return this.client.get('/api/registry/role-assignments', { query });
  }

  addRoleAssignment(assignment: NewRoleAssignment): Promise<RoleAssignment> {
    return this.client.post('/api/registry/role-assignments', { body: assignment });
  }

  removeRoleAssignment(id: string): Promise<void> {
    return this.client.delete('/api/registry/role-assignments/{id}', { path: { id } });
  }
}
