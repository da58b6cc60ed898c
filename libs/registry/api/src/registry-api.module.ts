import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { MessagingModule } from '@quartier/messaging';
import {
  createOpsController,
  JobsModule,
  registerErrorStatuses,
  serviceDatabase,
  type RuntimeConfig,
} from '@quartier/service-kit';
import { AreaImportsController } from './area-imports/area-imports.controller';
import { AreaImportsService } from './area-imports/area-imports.service';
import { AreasController } from './areas/areas.controller';
import { AreaTilesController } from './tiles/area-tiles.controller';
import { AreaTilesService } from './tiles/area-tiles.service';
import { AreaVersionsController } from './area-versions/area-versions.controller';
import { AreaImportRepository } from './area-imports/area-import.repository';
import { AreaRepository } from './areas/area.repository';
import { AreaVersionRepository } from './area-versions/area-version.repository';
import { AreaVersionsService } from './area-versions/area-versions.service';
import { AreasService } from './areas/areas.service';
import { AreaWrites } from './areas/area-writes';
import { RegistryDemoSeeder } from './demo/demo-seeder';
import { REGISTRY_ENTITIES, REGISTRY_MIGRATIONS } from './registry.schema';
import { REGISTRY_CONNECTION, REGISTRY_SCHEMA } from './registry.constants';
import { RegistryError } from '@quartier/registry-core';
import { REGISTRY_ERROR_STATUS } from './registry.errors';
import { RegistryAccessDirectory } from './registry-access-directory';
import { RoleAssignmentsController } from './role-assignments/role-assignments.controller';
import { RoleAssignmentRepository } from './role-assignments/role-assignment.repository';
import { RoleAssignmentsService } from './role-assignments/role-assignments.service';
import { MeService } from './tenants/me.service';
import { TenantsController } from './tenants/tenants.controller';
import { TenantsService } from './tenants/tenants.service';

registerErrorStatuses(RegistryError, REGISTRY_ERROR_STATUS);

/**
 * The registry: tenants, area levels, areas and their versions, crosswalks and role
 * assignments. Every change is published as a `registry.*` event through the outbox.
 */
@Module({})
export class RegistryApiModule {
  static forRoot(runtime: Pick<RuntimeConfig, 'kafkaBrokers'>): DynamicModule {
    return {
      module: RegistryApiModule,
      imports: [
        serviceDatabase({
          name: REGISTRY_CONNECTION,
          schema: REGISTRY_SCHEMA,
          entities: REGISTRY_ENTITIES,
          migrations: REGISTRY_MIGRATIONS,
        }),
        MessagingModule.forRoot({
          service: 'registry',
          schema: REGISTRY_SCHEMA,
          dataSource: getDataSourceToken(REGISTRY_CONNECTION),
          kafkaBrokers: runtime.kafkaBrokers,
        }),
        JobsModule.forService({ service: 'registry', connection: REGISTRY_CONNECTION }),
      ],
      controllers: [
        createOpsController('registry', REGISTRY_CONNECTION),
        TenantsController,
        AreasController,
        AreaTilesController,
        AreaImportsController,
        AreaVersionsController,
        RoleAssignmentsController,
      ],
      providers: [
        AreaRepository,
        TenantsService,
        MeService,
        AreasService,
        AreaWrites,
        AreaTilesService,
        AreaImportRepository,
        AreaImportsService,
        AreaVersionRepository,
        AreaVersionsService,
        RoleAssignmentRepository,
        RoleAssignmentsService,
        RegistryAccessDirectory,
        RegistryDemoSeeder,
      ],
      exports: [
        RegistryAccessDirectory,
        RegistryDemoSeeder,
        TenantsService,
        AreaImportsService,
        RoleAssignmentsService,
      ],
    };
  }
}
