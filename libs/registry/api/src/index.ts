export * from './registry-api.module';
export * from './registry.constants';
export * from './registry-access-directory';
export * from './demo/demo-seeder';
export * from './demo/demo-tenants';
export { AreasService } from './areas/areas.service';
export { AreaImportsService } from './area-imports/area-imports.service';
export { TenantsService } from './tenants/tenants.service';
export { RoleAssignmentsService } from './role-assignments/role-assignments.service';
