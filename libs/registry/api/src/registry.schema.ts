import { messagingMigrations } from '@quartier/messaging';
import { AreaVersionEntity } from './entities/area-version.entity';
import { AreaEntity } from './entities/area.entity';
import { CrosswalkEntity } from './entities/crosswalk.entity';
import { RoleAssignmentEntity } from './entities/role-assignment.entity';
import { TenantEntity } from './entities/tenant.entity';
import { CreateRegistry1764000000000 } from './migrations/1764000000000-CreateRegistry';
import { AreaImportsOnJobRunner1765000000001 } from './migrations/1765000000001-AreaImportsOnJobRunner';
import { ProviderRoleSightings1766100000000 } from './migrations/1766100000000-ProviderRoleSightings';
import { TenantPublicProfile1766100000001 } from './migrations/1766100000001-TenantPublicProfile';
import { REGISTRY_SCHEMA } from './registry.constants';

export const REGISTRY_ENTITIES = [
  TenantEntity,
  AreaVersionEntity,
  AreaEntity,
  CrosswalkEntity,
  RoleAssignmentEntity,
];
export const REGISTRY_MIGRATIONS = [
  CreateRegistry1764000000000,
  ...messagingMigrations(REGISTRY_SCHEMA),
  AreaImportsOnJobRunner1765000000001,
  ProviderRoleSightings1766100000000,
  TenantPublicProfile1766100000001,
];
