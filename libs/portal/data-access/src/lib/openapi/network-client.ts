import { Injectable } from '@angular/core';
import type { components, paths } from '../../generated/network';
import { OpenApiClient } from './openapi-client';

/** The network service's schemas, as its OpenAPI document declares them. */
export type NetworkSchemas = components['schemas'];
export type NetworkPaths = paths;

/** The network service (`/api/network`), typed by its generated OpenAPI types. */
@Injectable({ providedIn: 'root' })
export class NetworkClient extends OpenApiClient<paths> {}
