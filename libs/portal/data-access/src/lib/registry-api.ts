import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Auth } from './auth/auth';
import { PORTAL_CONFIG } from './portal-config.token';
import type {
  AreaChanges,
  AreaDetail,
  AreaFeatureCollection,
  AreaImportJob,
  AreaImportOptions,
  AreaQuery,
  AreaSummary,
  AreaTiles,
  Me,
  NewRoleAssignment,
  Page,
  RoleAssignment,
  Tenant,
} from './models';

type QueryValue = string | number | undefined | null;

function params(query: Readonly<Record<string, QueryValue>>): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') result = result.set(key, String(value));
  }
  return result;
}

/** Typed client of the registry service (`/api/registry`). Promises: each call is one request. */
@Injectable({ providedIn: 'root' })
export class RegistryApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(PORTAL_CONFIG).apiBaseUrl}/api/registry`;
  private readonly auth = inject(Auth);

  me(): Promise<Me> {
    return firstValueFrom(this.http.get<Me>(`${this.base}/me`));
  }

  currentTenant(): Promise<Tenant> {
    return firstValueFrom(this.http.get<Tenant>(`${this.base}/tenants/current`));
  }

  areas(query: AreaQuery): Promise<Page<AreaSummary>> {
    return firstValueFrom(
      this.http.get<Page<AreaSummary>>(`${this.base}/areas`, { params: params({ ...query }) }),
    );
  }

  area(id: string): Promise<AreaDetail> {
    return firstValueFrom(this.http.get<AreaDetail>(`${this.base}/areas/${encodeURIComponent(id)}`));
  }

  areaGeoJson(level: string, parent?: string): Promise<AreaFeatureCollection> {
    return firstValueFrom(
      this.http.get<AreaFeatureCollection>(`${this.base}/areas/geojson`, {
        params: params({ level, parent }),
      }),
    );
  }

  /**
   * The level's vector tiles (TileJSON; tile URLs made absolute) for maps of many areas: the
   * GeoJSON of 50,000 blocks is tens of megabytes, a full-city view in tiles about one.
   */
  async areaTiles(level: string): Promise<AreaTiles> {
    const tileJson = await firstValueFrom(
      this.http.get<AreaTiles>(`${this.base}/tiles/${encodeURIComponent(level)}`),
    );
    const origin = this.base.slice(0, -'/api/registry'.length);
    return { ...tileJson, tiles: tileJson.tiles.map((t) => new URL(`${origin}${t}`, document.baseURI).href) };
  }

  /** MapLibre's `transformRequest` for tile URLs of the API: they need the bearer token too. */
  tileRequest(url: string): { url: string; headers?: Record<string, string> } {
    const token = this.auth.accessToken();
    const api = new URL(`${this.base}/`, document.baseURI).href;
    return token && url.startsWith(api) ? { url, headers: { Authorization: `Bearer ${token}` } } : { url };
  }

  updateArea(id: string, changes: AreaChanges): Promise<AreaSummary> {
    return firstValueFrom(
      this.http.patch<AreaSummary>(`${this.base}/areas/${encodeURIComponent(id)}`, changes),
    );
  }

  /** The file goes up as-is (no parsing in the browser: it may be 100 MB). */
  startAreaImport(file: Blob, options: AreaImportOptions): Promise<AreaImportJob> {
    return firstValueFrom(
      this.http.post<AreaImportJob>(`${this.base}/area-imports`, file, {
        params: params({ ...options }),
        headers: new HttpHeaders({ 'Content-Type': 'application/geo+json' }),
      }),
    );
  }

  areaImport(id: string): Promise<AreaImportJob> {
    return firstValueFrom(
      this.http.get<AreaImportJob>(`${this.base}/area-imports/${encodeURIComponent(id)}`),
    );
  }

  roleAssignments(query: {
    subject?: string;
    limit?: number;
    offset?: number;
  }): Promise<Page<RoleAssignment>> {
    return firstValueFrom(
      this.http.get<Page<RoleAssignment>>(`${this.base}/role-assignments`, { params: params(query) }),
    );
  }

  addRoleAssignment(assignment: NewRoleAssignment): Promise<RoleAssignment> {
    return firstValueFrom(this.http.post<RoleAssignment>(`${this.base}/role-assignments`, assignment));
  }

  removeRoleAssignment(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`${this.base}/role-assignments/${encodeURIComponent(id)}`));
  }
}
