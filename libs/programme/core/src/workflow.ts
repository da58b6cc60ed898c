import { isIsoInstant } from './dates';
import { ProgrammeError } from './programme-error';

// The measure workflow: proposed → approved → running → completed, or rejected (from proposed)
// or cancelled (from proposed, approved or running). Who may take which step:
//
//   action    from                          roles
//   propose   (new)                         planner, programme-manager, tenant-admin
//   approve   proposed                      programme-manager, tenant-admin
//   reject    proposed                      programme-manager, tenant-admin     (comment required)
//   start     approved                      planner, programme-manager, tenant-admin
//   complete  running                       planner, programme-manager, tenant-admin
//   cancel    proposed                      planner (withdraws a proposal), programme-manager, tenant-admin
//   cancel    approved, running             programme-manager, tenant-admin     (comment required)
//
// Money decisions (approve, reject, cancel an approved or running measure) are the programme
// manager's; the planner who carries a measure out reports that it started and ended. "Roles"
// here are the roles the actor holds *for this measure*: the service resolves scoped role
// assignments (programme id, area subtree) with the registry's rules before calling, so a
// planner outside the measure's areas or a manager of another programme arrives without them.

export type MeasureStatus = 'proposed' | 'approved' | 'running' | 'completed' | 'rejected' | 'cancelled';
export type MeasureAction = 'propose' | 'approve' | 'reject' | 'start' | 'complete' | 'cancel';
export type MeasureRole = 'tenant-admin' | 'programme-manager' | 'planner';

export const MEASURE_STATUSES: readonly MeasureStatus[] = [
  'proposed',
  'approved',
  'running',
  'completed',
  'rejected',
  'cancelled',
];
export const TERMINAL_MEASURE_STATUSES: readonly MeasureStatus[] = ['completed', 'rejected', 'cancelled'];

interface TransitionRule {
  readonly from: MeasureStatus | null;
  readonly action: MeasureAction;
  readonly to: MeasureStatus;
  readonly roles: readonly MeasureRole[];
  readonly commentRequired: boolean;
}

const MANAGERS: readonly MeasureRole[] = ['programme-manager', 'tenant-admin'];
const EVERYONE: readonly MeasureRole[] = ['planner', 'programme-manager', 'tenant-admin'];

/** The workflow table (one row per action and starting status). */
export const MEASURE_TRANSITIONS: readonly TransitionRule[] = [
  { from: null, action: 'propose', to: 'proposed', roles: EVERYONE, commentRequired: false },
  { from: 'proposed', action: 'approve', to: 'approved', roles: MANAGERS, commentRequired: false },
  { from: 'proposed', action: 'reject', to: 'rejected', roles: MANAGERS, commentRequired: true },
  { from: 'proposed', action: 'cancel', to: 'cancelled', roles: EVERYONE, commentRequired: false },
  { from: 'approved', action: 'start', to: 'running', roles: EVERYONE, commentRequired: false },
  { from: 'approved', action: 'cancel', to: 'cancelled', roles: MANAGERS, commentRequired: true },
  { from: 'running', action: 'complete', to: 'completed', roles: EVERYONE, commentRequired: false },
  { from: 'running', action: 'cancel', to: 'cancelled', roles: MANAGERS, commentRequired: true },
];

/** One line of a measure's audit trail. */
export interface MeasureAuditEntry {
  readonly action: MeasureAction;
  /** null for the proposal that created the measure. */
  readonly from: MeasureStatus | null;
  readonly to: MeasureStatus;
  /** The acting user's id. */
  readonly by: string;
  /** ISO 8601 instant supplied by the caller's clock. */
  readonly at: string;
  readonly comment: string | null;
}

export interface MeasureTransitionInput {
  /** The measure's current status; null when it is being proposed. */
  readonly status: MeasureStatus | null;
  readonly action: MeasureAction;
  readonly actor: { readonly userId: string; readonly roles: readonly string[] };
  readonly at: string;
  readonly comment?: string | null;
}

export function isTerminalStatus(status: MeasureStatus): boolean {
  return TERMINAL_MEASURE_STATUSES.includes(status);
}

/** The roles that may take `action` from `from` (empty when the transition does not exist). */
export function rolesAllowedTo(action: MeasureAction, from: MeasureStatus | null): readonly MeasureRole[] {
  return MEASURE_TRANSITIONS.find((t) => t.action === action && t.from === from)?.roles ?? [];
}

/** The actions an actor with these roles can take now (the measure page's workflow buttons). */
export function availableActions(status: MeasureStatus | null, roles: readonly string[]): MeasureAction[] {
  return MEASURE_TRANSITIONS.filter((t) => t.from === status && t.roles.some((r) => roles.includes(r))).map(
    (t) => t.action,
  );
}

/** "a new measure", "an approved measure", "a running measure". */
function describe(status: MeasureStatus | null): string {
  if (status === null) return 'a new measure';
  return `${/^[aeiou]/.test(status) ? 'an' : 'a'} ${status} measure`;
}

/**
 * Applies one workflow action.
 * @throws ProgrammeError `InvalidTransition` (no such step from this status, terminal status),
 *   `ForbiddenTransition` (the actor's roles do not allow it), `CommentRequired`,
 *   `InvalidWorkflowInput` (no user id, `at` not an ISO instant with offset).
 */
export function transitionMeasure(input: MeasureTransitionInput): {
  status: MeasureStatus;
  audit: MeasureAuditEntry;
} {
  const { status, action, actor, at } = input;
  if (!actor.userId?.trim())
    throw new ProgrammeError('InvalidWorkflowInput', 'the acting user is missing', { field: 'actor.userId' });
  if (!isIsoInstant(at))
    throw new ProgrammeError('InvalidWorkflowInput', `"${at}" is not an ISO 8601 instant with a time zone`, {
      field: 'at',
    });
  const rule = MEASURE_TRANSITIONS.find((t) => t.action === action && t.from === status);
  if (!rule) {
    const possible = availableActions(status, ['planner', 'programme-manager', 'tenant-admin']);
    throw new ProgrammeError(
      'InvalidTransition',
      status !== null && isTerminalStatus(status)
        ? `the measure is ${status}, a final status: no further workflow steps`
        : `cannot ${action} ${describe(status)} (possible: ${possible.join(', ')})`,
      { action, status, possible },
    );
  }
  if (!rule.roles.some((role) => actor.roles.includes(role)))
    throw new ProgrammeError(
      'ForbiddenTransition',
      `${action} ${describe(status)} needs one of the roles ${rule.roles.join(', ')} for this measure`,
      { action, status, requiredRoles: rule.roles },
    );
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  if (rule.commentRequired && comment === null)
    throw new ProgrammeError('CommentRequired', `${action} needs a comment giving the reason`, {
      action,
      status,
    });
  return { status: rule.to, audit: { action, from: status, to: rule.to, by: actor.userId, at, comment } };
}
