import { Injectable } from '@angular/core';
import type { components, paths } from '../../generated/indicator';
import { OpenApiClient } from './openapi-client';

/** The indicator service's schemas, as its OpenAPI document declares them. */
export type IndicatorSchemas = components['schemas'];
export type IndicatorPaths = paths;

/** The indicator service (`/api/indicator`), typed by its generated OpenAPI types. */
@Injectable({ providedIn: 'root' })
export class IndicatorClient extends OpenApiClient<paths> {}
