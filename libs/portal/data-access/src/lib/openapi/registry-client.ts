import { Injectable } from '@angular/core';
import type { components, paths } from '../../generated/registry';
import { OpenApiClient } from './openapi-client';

/** The registry service's schemas, as its OpenAPI document declares them. */
export type RegistrySchemas = components['schemas'];
export type RegistryPaths = paths;

// Names the portal's pages use for the registry's answers and requests (all generated).
export type Tenant = RegistrySchemas['TenantViewDto_Output'];
/** Rank 0 = top level (e.g. Bezirk), increasing towards the finest level. */
export type AreaLevel = Tenant['levels'][number];
export type Me = RegistrySchemas['MeViewDto_Output'];
export type AreaSummary = RegistrySchemas['AreaSummaryDto_Output'];
export type AreaDetail = RegistrySchemas['AreaDetailDto_Output'];
export type AreaChanges = RegistrySchemas['UpdateAreaDto'];
export type AreaQuery = NonNullable<paths['/api/registry/areas']['get']['parameters']['query']>;
export type AreaFeatureCollection = RegistrySchemas['AreaFeatureCollectionDto_Output'];
export type AreaFeature = AreaFeatureCollection['features'][number];
/** TileJSON of a level's vector tiles (layer `areas`: `code`, plus `id` and `name` from zoom 10). */
export type AreaTiles = RegistrySchemas['TileJsonDto_Output'];
export type AreaImportOptions = paths['/api/registry/area-imports']['post']['parameters']['query'];
/** `none`: the level is the top of the hierarchy. */
export type ParentFrom = NonNullable<AreaImportOptions['parentFrom']>;
export type AreaImportJob = RegistrySchemas['AreaImportJobDto_Output'];
export type RoleAssignment = RegistrySchemas['RoleAssignmentViewDto_Output'];
export type NewRoleAssignment = RegistrySchemas['GrantRoleDto'];

/** The registry service (`/api/registry`), typed by its generated OpenAPI types. */
@Injectable({ providedIn: 'root' })
export class RegistryClient extends OpenApiClient<paths> {}
