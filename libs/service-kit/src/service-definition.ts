import type { DynamicModule, Type } from '@nestjs/common';
import type { AccessDirectory } from '@quartier/auth';
import type { ServiceName } from '@quartier/contracts';
import type { ServiceDocs } from './http/configure-http';
import type { RuntimeConfig } from './runtime';

/** What a demo seeder gets from the embedded platform (or `quartier seed`). */
export interface DemoSeedContext {
  /** The third-party reference data folder (it may be empty or absent: seed what stands alone). */
  referenceData: string;
  /** The repository root, for the repository's own data and fixture files. */
  root: string;
  progress(message: string): void;
}

/** Seeds a service's demo data; idempotent (returns false when there was nothing to do). */
export interface DemoSeeder {
  seed(context: DemoSeedContext): Promise<boolean>;
}

/**
 * Everything the platform needs to know about one service, exported once by its `<domain>/api`
 * library. The service's container entry point, the embedded platform, the OpenAPI documents
 * and the deployment manifests are derived from (or checked against) these definitions, so a new
 * service is its own folders plus one entry in the platform's list — see docs/adding-a-service.md.
 */
export interface ServiceDefinition {
  name: ServiceName;
  /** OpenAPI title and description. */
  title: string;
  description: string;
  /** The service's Nest module class; the OpenAPI document lists only its routes. */
  moduleClass: Type<unknown>;
  module(runtime: RuntimeConfig): DynamicModule;
  /** Routes whose bodies the handler streams (bulk imports): Express must not parse them. */
  streamedBodyPaths?: readonly RegExp[];
  /**
   * How the service answers scope questions when it runs alone; default: its replicated
   * registry read models. (In the embedded platform the registry's own tables answer.)
   */
  accessDirectory?: Type<AccessDirectory>;
  /** Provider of the module that seeds demo data, run after the registry's (see demoSeedAfter). */
  demoSeeder?: Type<DemoSeeder>;
  /**
   * The services whose demo data this service's seed builds on, besides the registry's (which
   * always comes first). Seeds that do not depend on each other run side by side.
   */
  demoSeedAfter?: readonly ServiceName[];
}

/**
 * Awaits independent seeds (a seeder's tenants) that were started side by side: every one ends
 * before the first failure is thrown, so none is left writing when the caller cleans up.
 */
export async function allSeeded<T>(seeds: readonly (Promise<T> | undefined)[]): Promise<(T | undefined)[]> {
  const results = await Promise.allSettled(seeds);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T | undefined>).value);
}

export function defineService(definition: ServiceDefinition): ServiceDefinition {
  return definition;
}

export function docsOf(definition: ServiceDefinition): ServiceDocs {
  return {
    service: definition.name,
    title: definition.title,
    description: definition.description,
    modules: [definition.moduleClass],
  };
}
