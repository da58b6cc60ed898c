import type { AnswerOf, AnswersExactly, Expect } from '@quartier/service-kit';
import type { z } from 'zod';
import type { areaImportJobSchema } from './area-imports/area-import.dto';
import type { AreaImportsService } from './area-imports/area-imports.service';
import type { areaVersionViewSchema, crosswalkViewSchema } from './area-versions/area-version.dto';
import type { AreaVersionsService } from './area-versions/area-versions.service';
import type { areaDetailSchema, areaPageSchema, areaSummarySchema } from './areas/area.dto';
import type { AreasService } from './areas/areas.service';
import type {
  roleAssignmentPageSchema,
  roleAssignmentViewSchema,
} from './role-assignments/role-assignment.dto';
import type { RoleAssignmentsService } from './role-assignments/role-assignments.service';
import type { meViewSchema, tenantViewSchema } from './tenants/tenant.dto';
import type { MeService } from './tenants/me.service';
import type { TenantsService } from './tenants/tenants.service';
import type { tileJsonSchema } from './tiles/area-tiles.dto';
import type { AreaTilesService } from './tiles/area-tiles.service';

// Compile-time proof that the registry's routes answer exactly what their response schemas
// document (docs/adr/0007-generated-portal-clients.md): the portal's types are generated from
// those schemas, so a field the service adds or changes without them fails here.
export type _TenantAnswer = Expect<AnswersExactly<AnswerOf<TenantsService['get']>, typeof tenantViewSchema>>;
export type _TenantsAnswer = Expect<
  AnswersExactly<AnswerOf<TenantsService['list']>, z.ZodArray<typeof tenantViewSchema>>
>;
export type _UpsertAnswer = Expect<
  AnswersExactly<AnswerOf<TenantsService['upsert']>, typeof tenantViewSchema>
>;
export type _MeAnswer = Expect<AnswersExactly<AnswerOf<MeService['describe']>, typeof meViewSchema>>;
export type _AreasAnswer = Expect<AnswersExactly<AnswerOf<AreasService['list']>, typeof areaPageSchema>>;
export type _AreaAnswer = Expect<AnswersExactly<AnswerOf<AreasService['detail']>, typeof areaDetailSchema>>;
export type _AreaUpdateAnswer = Expect<
  AnswersExactly<AnswerOf<AreasService['update']>, typeof areaSummarySchema>
>;
export type _TileJsonAnswer = Expect<
  AnswersExactly<AnswerOf<AreaTilesService['tileJson']>, typeof tileJsonSchema>
>;
export type _ImportStartAnswer = Expect<
  AnswersExactly<AnswerOf<AreaImportsService['start']>, typeof areaImportJobSchema>
>;
export type _ImportAnswer = Expect<
  AnswersExactly<AnswerOf<AreaImportsService['get']>, typeof areaImportJobSchema>
>;
export type _VersionsAnswer = Expect<
  AnswersExactly<AnswerOf<AreaVersionsService['list']>, z.ZodArray<typeof areaVersionViewSchema>>
>;
export type _CrosswalkAnswer = Expect<
  AnswersExactly<AnswerOf<AreaVersionsService['crosswalk']>, typeof crosswalkViewSchema>
>;
export type _CrosswalkReplaceAnswer = Expect<
  AnswersExactly<AnswerOf<AreaVersionsService['replaceCrosswalk']>, typeof crosswalkViewSchema>
>;
export type _AssignmentsAnswer = Expect<
  AnswersExactly<AnswerOf<RoleAssignmentsService['list']>, typeof roleAssignmentPageSchema>
>;
export type _GrantAnswer = Expect<
  AnswersExactly<AnswerOf<RoleAssignmentsService['grant']>, typeof roleAssignmentViewSchema>
>;
