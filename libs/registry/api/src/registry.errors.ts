import type { RegistryErrorCode } from '@quartier/registry-core';

/** HTTP meaning of each registry error code (mapped once, by the service kit's filter). */
export const REGISTRY_ERROR_STATUS: Record<RegistryErrorCode, number> = {
  TenantNotFound: 404,
  AreaNotFound: 404,
  LevelNotFound: 422,
  // A level named in the path is the resource: unknown to the caller's tenant, it is not there.
  TilesNotFound: 404,
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
