import type { ServiceDefinition } from '@quartier/service-kit';

/** What the generator needs from service-kit and auth (the sources under Jest, dist/server otherwise). */
export interface ServiceKit {
  RuntimeModule: unknown;
  AuthModule: unknown;
  createReadModelAccessDirectory: unknown;
  buildServiceDocument: unknown;
}

export interface ServiceDocument {
  service: string;
  document: Record<string, unknown>;
}

export declare function serviceDocuments(
  services: readonly ServiceDefinition[],
  kit: ServiceKit,
): Promise<ServiceDocument[]>;
