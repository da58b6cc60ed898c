// Shapes of the registry HTTP API as the portal consumes it (see ../../README.md for the
// contract). Only types: the portal trusts the server's schema and does not re-validate.
import type { Role } from '@quartier/contracts';

export type { Role };

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface AreaLevel {
  readonly key: string;
  readonly name: string;
  /** 0 = top level (e.g. Bezirk), increasing towards the finest level. */
  readonly rank: number;
}

export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly levels: readonly AreaLevel[];
}

export interface RoleAssignmentOfMe {
  readonly id: string;
  readonly role: Role;
  readonly areaId: string | null;
  readonly areaName: string | null;
  readonly programmeId: string | null;
}

export interface Me {
  readonly subject: string;
  readonly name: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly roles: readonly Role[];
  readonly assignments: readonly RoleAssignmentOfMe[];
}

export interface AreaSummary {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly parentId: string | null;
  readonly population: number | null;
  /** The caller may change this area (tenant-admin, or a planner whose scope contains it). */
  readonly editable: boolean;
}

export interface AreaDetail extends AreaSummary {
  /** Root first. */
  readonly ancestors: readonly AreaSummary[];
  readonly children: readonly AreaSummary[];
  readonly areaSqm: number | null;
  readonly validFrom: string;
}

export interface AreaChanges {
  readonly name?: string;
  readonly population?: number | null;
}

export interface AreaQuery {
  readonly level?: string;
  /** An area id, or 'root' for the top level. */
  readonly parent?: string;
  readonly q?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface AreaFeatureProperties {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly population: number | null;
  readonly editable: boolean;
}

export type Position = readonly number[];
export interface AreaGeometry {
  readonly type: 'Polygon' | 'MultiPolygon';
  readonly coordinates: readonly (readonly Position[])[] | readonly (readonly (readonly Position[])[])[];
}

export interface AreaFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: AreaGeometry | null;
  readonly properties: AreaFeatureProperties;
}

export interface AreaFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly AreaFeature[];
}

/** TileJSON 3.0 of a level's vector tiles (layer `areas`: `code`, plus `id` and `name` from zoom 10). */
export interface AreaTiles {
  readonly tilejson: string;
  readonly tiles: readonly string[];
  readonly minzoom: number;
  readonly maxzoom: number;
  readonly bounds: readonly [number, number, number, number];
  /** Areas of the level. */
  readonly areas: number;
}

/** `none`: the level is the top of the hierarchy. */
export type ParentFrom = 'code-prefix' | 'property' | 'none';

export interface AreaImportOptions {
  readonly level: string;
  readonly codeProperty: string;
  readonly nameProperty: string;
  readonly parentFrom?: ParentFrom;
  readonly parentProperty?: string;
  readonly populationProperty?: string;
  /** YYYY-MM-DD */
  readonly validFrom?: string;
}

/** `interrupted`: the service stopped while the import ran (nothing kept; import the file again). */
export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface ImportFeatureError {
  /** 0-based index of the feature in the uploaded collection. */
  readonly feature: number;
  readonly reason: string;
}

export interface AreaImportJob {
  readonly id: string;
  readonly status: ImportStatus;
  /** Features read so far. */
  readonly processed: number;
  /** Feature count, when the server knows it up front. */
  readonly total?: number;
  /** Share of the upload parsed so far, 0…1 (large files are streamed, so the count comes last). */
  readonly progress?: number;
  readonly created: number;
  readonly updated: number;
  readonly errors: readonly ImportFeatureError[];
  /** Why a job failed as a whole (e.g. unreadable JSON), beyond per-feature errors. */
  readonly message?: string | null;
}

export interface RoleAssignment {
  readonly id: string;
  readonly subject: string;
  readonly role: Role;
  readonly areaId: string | null;
  readonly areaName: string | null;
  readonly programmeId: string | null;
  readonly createdAt: string;
}

export interface NewRoleAssignment {
  readonly subject: string;
  readonly role: Role;
  readonly areaId?: string | null;
  readonly programmeId?: string | null;
}

/**
 * Roles in the order an administrator thinks of them (widest first). Restated from the
 * contracts as a plain list so the portal does not ship zod; the type check below fails the
 * build if the contracts gain a role this list lacks.
 */
export const ROLE_OPTIONS = [
  'platform-admin',
  'tenant-admin',
  'programme-manager',
  'planner',
  'analyst',
  'evaluator',
  'viewer',
] as const satisfies readonly Role[];
type MissingRoleOption = Exclude<Role, (typeof ROLE_OPTIONS)[number]>;
export const ROLE_OPTIONS_COMPLETE: [MissingRoleOption] extends [never] ? true : never = true;
