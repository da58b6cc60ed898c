import type { DynamicModule, ModuleMetadata, Type } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { ServiceName } from '@quartier/contracts';
import { MessagingModule, messagingMigrations } from '@quartier/messaging';
import type { SchemaDataSourceOptions } from '@quartier/persistence';
import { CacheModule } from './cache/cache.module';
import { serviceDatabase } from './database.module';
import { createOpsController } from './http/ops.controller';
import { JobsModule } from './jobs/jobs.module';
import {
  registryReadModelLabelPointMigration,
  registryReadModelMigration,
} from './read-models/read-model.migration';
import { createRegistryReadModelHandler } from './read-models/registry-read-model.handler';
import { evidenceReadModelMigration } from './read-models/evidence-read-model.migration';
import { createEvidenceReadModelHandler } from './read-models/evidence-read-model.handler';
import type { RuntimeConfig } from './runtime';
import { UploadsModule } from './uploads/uploads.module';

export interface FoundationOptions {
  service: ServiceName;
  runtime: Pick<RuntimeConfig, 'kafkaBrokers'>;
  entities?: SchemaDataSourceOptions['entities'];
  /** The service's own migrations (outbox, inbox and registry read models are added here). */
  migrations?: (new () => unknown)[];
  /** Classes with @OnEvent methods besides the registry read model. */
  handlers?: Type[];
  /**
   * Keep the evidence read models (indicator values, index results, survey items, network
   * measures) from the other services' events — for services that compute from evidence.
   */
  evidence?: boolean;
  /**
   * Background jobs: the platform's job runner over the service's own connection, with the upload
   * spool its jobs read from.
   */
  jobs?: boolean;
  /** An upload spool for uploads read while the request waits (a service with `jobs` has its runner's). */
  uploads?: boolean;
}

/**
 * The migrations a service's schema gets besides its own: outbox and inbox, the registry read
 * models and, for services that compute from evidence, the evidence read models. Exported so
 * repository tests can migrate a schema exactly as the service does, without starting it.
 */
export function foundationMigrations(
  service: ServiceName,
  options: { evidence?: boolean } = {},
): (new () => unknown)[] {
  return [
    ...messagingMigrations(service),
    registryReadModelMigration(service),
    registryReadModelLabelPointMigration(service),
    ...(options.evidence ? [evidenceReadModelMigration(service)] : []),
  ];
}

/**
 * What every service other than the registry stands on: its own schema and connection, its
 * outbox/inbox and event bus, the process cache (`CacheStore`), the replicated `area_ref` / `role_assignment_ref` read models and
 * the ops endpoints, and on request its job runner or upload spool. The service module adds its
 * controllers and providers on top.
 */
export function serviceFoundation(
  options: FoundationOptions,
): Required<Pick<ModuleMetadata, 'imports' | 'controllers' | 'providers' | 'exports'>> {
  const { service } = options;
  const readModel = createRegistryReadModelHandler(service, service);
  const evidence = options.evidence ? [createEvidenceReadModelHandler(service, service)] : [];
  const imports: (DynamicModule | typeof CacheModule)[] = [
    CacheModule,
    serviceDatabase({
      name: service,
      schema: service,
      entities: options.entities ?? [],
      migrations: [...foundationMigrations(service, options), ...(options.migrations ?? [])],
    }),
    MessagingModule.forRoot({
      service,
      schema: service,
      dataSource: getDataSourceToken(service),
      kafkaBrokers: options.runtime.kafkaBrokers,
      handlers: [readModel, ...evidence, ...(options.handlers ?? [])],
    }),
    ...(options.jobs ? [JobsModule.forService({ service, connection: service })] : []),
    ...(options.uploads && !options.jobs ? [UploadsModule.forService(service)] : []),
  ];
  return {
    imports,
    controllers: [createOpsController(service, service)],
    providers: [readModel, ...evidence, ...(options.handlers ?? [])],
    exports: [],
  };
}

/** What a service module adds to its foundation: its own imports, controllers, providers, exports. */
export type ServiceModuleParts = Pick<ModuleMetadata, 'imports' | 'controllers' | 'providers' | 'exports'>;

/**
 * A service's module: its foundation (`serviceFoundation`) with the service's own parts after the
 * foundation's, so every service stands on the same base in the same order.
 */
export function serviceModule(
  module: Type,
  foundation: FoundationOptions,
  own: ServiceModuleParts,
): DynamicModule {
  const base = serviceFoundation(foundation);
  return {
    module,
    imports: [...base.imports, ...(own.imports ?? [])],
    controllers: [...base.controllers, ...(own.controllers ?? [])],
    providers: [...base.providers, ...(own.providers ?? [])],
    exports: [...base.exports, ...(own.exports ?? [])],
  };
}
