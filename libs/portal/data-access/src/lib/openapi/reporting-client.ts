import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { components, paths } from '../../generated/reporting';
import { PORTAL_CONFIG } from '../portal-config.token';
import { OpenApiClient } from './openapi-client';

/** The reporting service's schemas, as its OpenAPI document declares them. */
export type ReportingSchemas = components['schemas'];
export type ReportingPaths = paths;

/** The reporting service (`/api/reporting`), typed by its generated OpenAPI types. */
@Injectable({ providedIn: 'root' })
export class ReportingClient extends OpenApiClient<paths> {
  constructor() {
    super(inject(HttpClient), inject(PORTAL_CONFIG).apiBaseUrl);
  }
}
