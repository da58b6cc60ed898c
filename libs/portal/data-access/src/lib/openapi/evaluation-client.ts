import { Injectable } from '@angular/core';
import type { components, paths } from '../../generated/evaluation';
import { OpenApiClient } from './openapi-client';

/** The evaluation service's schemas, as its OpenAPI document declares them. */
export type EvaluationSchemas = components['schemas'];
export type EvaluationPaths = paths;

/** The evaluation service (`/api/evaluation`), typed by its generated OpenAPI types. */
@Injectable({ providedIn: 'root' })
export class EvaluationClient extends OpenApiClient<paths> {}
