import { Injectable } from '@angular/core';
import type { components, paths } from '../../generated/programme';
import { OpenApiClient } from './openapi-client';

/** The programme service's schemas, as its OpenAPI document declares them. */
export type ProgrammeSchemas = components['schemas'];
export type ProgrammePaths = paths;

/** The programme service (`/api/programme`), typed by its generated OpenAPI types. */
@Injectable({ providedIn: 'root' })
export class ProgrammeClient extends OpenApiClient<paths> {}
