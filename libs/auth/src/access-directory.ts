import type { Assignment } from './authorization';

/**
 * What the authorisation checks need to know about a tenant, answered by each service from its
 * own read models (role assignments and `area_ref`, replicated from the registry by events), so
 * no request has to call the registry synchronously. An abstract class, because Nest uses it
 * as the injection token: `{ provide: AccessDirectory, useClass: MyDirectory }`.
 */
export abstract class AccessDirectory {
  /** The role assignments of `subject` (the principal's preferred_username) in `tenantId`. */
  abstract assignmentsOf(tenantId: string, subject: string): Promise<readonly Assignment[]>;

  /**
   * Ids of the area's ancestors, root first, without the area itself; `[]` for a root area.
   * `null` when the area does not exist *in this tenant* (including areas of other tenants),
   * which the guard answers with 404.
   */
  abstract ancestorsOf(tenantId: string, areaId: string): Promise<readonly string[] | null>;
}
