import type { Assignment } from '../authorization';
import type { Principal } from '../principal';

/** What the guard established about a request; controllers read it with the decorators. */
export interface AccessContext {
  readonly principal: Principal;
  /** The tenant the request acts in; null only for a platform admin who named none. */
  readonly tenantId: string | null;
  /** The principal's role assignments in that tenant (empty for platform admins). */
  readonly assignments: readonly Assignment[];
  /** Path (root first, ending with the area) of the area checked by @AreaScope, if any. */
  readonly areaPath?: readonly string[];
}

/** The request object as the guard leaves it. */
export interface RequestWithAccess {
  quartierAccess?: AccessContext;
}
