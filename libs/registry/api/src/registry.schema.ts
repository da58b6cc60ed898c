import { messagingMigrations } from '@quartier/messaging';
import { AreaImportEntity } from './entities/area-import.entity';
import { AreaVersionEntity } from './entities/area-version.entity';
import { AreaEntity } from './entities/area.entity';
import { CrosswalkEntity } from './entities/crosswalk.entity';
import { RoleAssignmentEntity } from './entities/role-assignment.entity';
import { TenantEntity } from './entities/tenant.entity';
import { CreateRegistry1764000000000 } from './migrations/1764000000000-CreateRegistry';
import { REGISTRY_SCHEMA } from './registry.constants';

export const REGISTRY_ENTITIES = [
  TenantEntity,
  AreaVersionEntity,
  AreaEntity,
  CrosswalkEntity,
  RoleAssignmentEntity,
  AreaImportEntity,
];
export const REGISTRY_MIGRATIONS = [CreateRegistry1764000000000, ...messagingMigrations(REGISTRY_SCHEMA)];
