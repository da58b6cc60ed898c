import { z } from 'zod';
import { parsePeriod } from './period';
import { ROLES } from './roles';

/** Services of the platform; each owns one PostgreSQL schema and one event topic. */
export const SERVICES = [
  'registry',
  'survey',
  'network',
  'indicator',
  'programme',
  'evaluation',
  'reporting',
] as const;
export type ServiceName = (typeof SERVICES)[number];

export { ROLES, TENANT_ROLES, type Role } from './roles';
/** Named: one `Role` component in the OpenAPI documents wherever a role is sent or answered. */
export const roleSchema = z.enum(ROLES).meta({ id: 'Role' });

export const tenantIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'tenant id: lowercase letters, digits and dashes');
export type TenantId = z.infer<typeof tenantIdSchema>;

export const uuidSchema = z.uuid();

/** A reference to an area as other services see it (their `area_ref` read model). */
export const areaRefSchema = z.object({
  id: uuidSchema,
  tenantId: tenantIdSchema,
  code: z.string().min(1),
  name: z.string().min(1),
  level: z.string().min(1),
  parentId: uuidSchema.nullable(),
  /** Ancestor ids from the root down to the parent; makes subtree checks a prefix test. */
  path: z.array(uuidSchema),
  population: z.number().int().nonnegative().nullable(),
  versionId: uuidSchema,
  /** A point inside the area (WGS84), e.g. for labels and IATI locations; absent in older events. */
  labelPoint: z
    .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
    .nullable()
    .optional(),
});
export type AreaRef = z.infer<typeof areaRefSchema>;

const PERIOD_FORMS = 'YYYY, YYYYH1, YYYYQ1, YYYY-MM, YYYY-Www, YYYY-MM-DD or YYYY-MM-DD/P1Y';

/**
 * A statistical period: year `2024`, half-year `2024H1`, quarter `2024Q3`, month `2024-03`,
 * ISO week `2024-W05`, reference date `2024-12-31`, or another span as an ISO 8601 interval from
 * its first day (`2024-04-01/P1Y`: a financial year from April, as DHIS2 has them). What the
 * platform's period grammar (parsePeriod) reads, and only that: the pattern alone took periods
 * that do not exist (`2025-W53` in a year of 52 ISO weeks, `2024-02-30`), which the services then
 * could not date or order.
 */
export const periodSchema = z
  .string()
  // The form, as the OpenAPI documents state it (the authorisation matrix and the fuzzer sample
  // periods by this pattern); a text that fails it is not checked further.
  .regex(
    /^\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2])|-W(0[1-9]|[1-4]\d|5[0-3])|-\d{2}-\d{2}(\/P[1-9]\d?[DWMY])?)?$/,
    { error: (issue) => `"${String(issue.input)}" is not a period (${PERIOD_FORMS})`, abort: true },
  )
  .refine((text) => parsePeriod(text) !== null, {
    error: (issue) => `"${String(issue.input)}" is not a period: its year has no such day or ISO week`,
  });
export type Period = z.infer<typeof periodSchema>;
