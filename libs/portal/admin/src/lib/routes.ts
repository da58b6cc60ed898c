import type { Routes } from '@angular/router';
import { AreaImport } from './area-import/area-import';
import { RoleAssignments } from './role-assignments/role-assignments';

export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'area-import' },
  { path: 'area-import', component: AreaImport, title: 'nav.adminImport' },
  { path: 'role-assignments', component: RoleAssignments, title: 'nav.adminRoles' },
];
