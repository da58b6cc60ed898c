import { TENANT_ROLES, type Role } from '@quartier/contracts';

export const PROGRAMME_CONNECTION = 'programme';

/** Who reads programmes (within their programme and area scope). */
export const PROGRAMME_READERS: readonly Role[] = TENANT_ROLES;
/** Who steers a programme: areas, budget, allocations, impact models, measure approvals. */
export const PROGRAMME_MANAGERS: readonly Role[] = ['tenant-admin', 'programme-manager'];
/** Who may propose and edit measures (planners within their area scope). */
export const MEASURE_EDITORS: readonly Role[] = ['tenant-admin', 'programme-manager', 'planner'];
