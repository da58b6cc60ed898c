import { Injectable } from '@angular/core';
import type { components, paths } from '../../generated/survey';
import { OpenApiClient } from './openapi-client';

/** The survey service's schemas, as its OpenAPI document declares them. */
export type SurveySchemas = components['schemas'];
export type SurveyPaths = paths;

/** The survey service (`/api/survey`), typed by its generated OpenAPI types. */
@Injectable({ providedIn: 'root' })
export class SurveyClient extends OpenApiClient<paths> {}
