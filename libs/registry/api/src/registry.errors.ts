import type { RegistryErrorCode } from '@quartier/registry-core';

/** HTTP meaning of each registry error code (mapped once, by the service kit's filter). */
export const REGISTRY_ERROR_STATUS: Record<RegistryErrorCode, number> = {
  TenantNotFound: 404,
  AreaNotFound: 404,
  LevelNotFound: 422,
  InvalidLevels: 422,
  InvalidAreaImport: 422,
  InvalidCrosswalk: 422,
  AreaVersionNotFound: 404,
  AreaImportNotFound: 404,
  RoleAssignmentNotFound: 404,
  RoleNotAssignable: 422,
  RoleNotHeldAtProvider: 409,
  RoleAlreadyAssigned: 409,
  InvalidPublicProfile: 422,
};
