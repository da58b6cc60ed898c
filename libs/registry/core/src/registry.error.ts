/** Domain errors of the registry, mapped once to HTTP status by the service's exception filter. */
export type RegistryErrorCode =
  | 'TenantNotFound'
  | 'AreaNotFound'
  | 'LevelNotFound'
  | 'TilesNotFound'
  | 'InvalidLevels'
  | 'InvalidAreaImport'
  | 'InvalidCrosswalk'
  | 'AreaVersionNotFound'
  | 'AreaImportNotFound'
  | 'RoleAssignmentNotFound'
  | 'RoleNotAssignable'
  | 'RoleNotHeldAtProvider'
  | 'RoleAlreadyAssigned'
  | 'InvalidPublicProfile';

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}
