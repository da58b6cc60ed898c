import { Injectable } from '@angular/core';
import type { components, paths } from '../../generated/reporting';
import { OpenApiClient } from './openapi-client';

/** The reporting service's schemas, as its OpenAPI document declares them. */
export type ReportingSchemas = components['schemas'];
export type ReportingPaths = paths;

/** The reporting service (`/api/reporting`), typed by its generated OpenAPI types. */
@Injectable({ providedIn: 'root' })
export class ReportingClient extends OpenApiClient<paths> {}
