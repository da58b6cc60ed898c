import type { Role } from '@quartier/contracts';
import { unratedCriteria, type CriterionRating } from './dac';
import { EvaluationError } from './evaluation-error';
import type { Translated } from './dac';

// Status workflow of an evaluation: draft → in-review → final, and back from in-review to draft.
// A final evaluation is frozen: its ratings, findings and snapshot no longer change (a new
// evaluation is started instead). Roles here are realm roles; *where* they apply (the programme
// or areas the evaluator is assigned to) is checked by the service from registry assignments.
//
// - submit   (draft → in-review): the evaluator who wrote it (or a tenant administrator); every
//   DAC criterion must be rated with a justification.
// - return   (in-review → draft): the reviewer sends it back, or the evaluator withdraws it.
// - finalise (in-review → final): the commissioning side — programme manager or tenant
//   administrator — and never the person who submitted it (four-eyes principle); needs the
//   frozen evidence snapshot the numbers are computed from.

export type EvaluationStatus = 'draft' | 'in-review' | 'final';
export type WorkflowAction = 'submit' | 'return' | 'finalise';

export const STATUS_LABELS: Readonly<Record<EvaluationStatus, Translated>> = {
  draft: { de: 'Entwurf', en: 'Draft' },
  'in-review': { de: 'In Prüfung', en: 'In review' },
  final: { de: 'Abgeschlossen', en: 'Final' },
};

export interface WorkflowTransition {
  action: WorkflowAction;
  from: EvaluationStatus;
  to: EvaluationStatus;
  roles: readonly Role[];
  label: Translated;
}

export const WORKFLOW_TRANSITIONS: readonly WorkflowTransition[] = [
  {
    action: 'submit',
    from: 'draft',
    to: 'in-review',
    roles: ['evaluator', 'tenant-admin'],
    label: { de: 'Zur Prüfung einreichen', en: 'Submit for review' },
  },
  {
    action: 'return',
    from: 'in-review',
    to: 'draft',
    roles: ['evaluator', 'programme-manager', 'tenant-admin'],
    label: { de: 'Zur Überarbeitung zurückgeben', en: 'Return for revision' },
  },
  {
    action: 'finalise',
    from: 'in-review',
    to: 'final',
    roles: ['programme-manager', 'tenant-admin'],
    label: { de: 'Abschließen', en: 'Finalise' },
  },
];

export interface TransitionContext {
  /** User subject of the person acting. */
  actor: string;
  roles: readonly Role[];
  ratings: readonly CriterionRating[];
  /** Who submitted the evaluation for review (for the four-eyes rule). */
  submittedBy?: string | null;
  /** Whether the frozen evidence snapshot has been taken. */
  hasSnapshot: boolean;
}

/** The transitions the roles allow from a status (for the portal's buttons). */
export function availableTransitions(status: EvaluationStatus, roles: readonly Role[]): WorkflowTransition[] {
  return WORKFLOW_TRANSITIONS.filter(
    (t) => t.from === status && t.roles.some((role) => roles.includes(role)),
  );
}

/**
 * Checks a status change and returns the transition taken.
 * @throws EvaluationError `EvaluationFrozen` (from final), `InvalidTransition` (not an edge of the
 *   workflow, or its preconditions unmet), `TransitionForbidden` (roles, four-eyes).
 */
export function transitionEvaluation(
  status: EvaluationStatus,
  to: EvaluationStatus,
  context: TransitionContext,
): WorkflowTransition {
  assertEditable(status);
  const transition = WORKFLOW_TRANSITIONS.find((t) => t.from === status && t.to === to);
  if (!transition)
    throw new EvaluationError('InvalidTransition', `an evaluation cannot go from "${status}" to "${to}"`, {
      from: status,
      to,
    });
  if (!transition.roles.some((role) => context.roles.includes(role)))
    throw new EvaluationError(
      'TransitionForbidden',
      `"${transition.action}" needs one of the roles ${transition.roles.join(', ')}`,
      { action: transition.action, roles: [...transition.roles] },
    );
  if (transition.action === 'submit' || transition.action === 'finalise') {
    const unrated = unratedCriteria(context.ratings);
    if (unrated.length > 0)
      throw new EvaluationError(
        'InvalidTransition',
        `criteria still without a rating: ${unrated.join(', ')}`,
        {
          action: transition.action,
          unrated,
        },
      );
  }
  if (transition.action === 'finalise') {
    if (context.submittedBy && context.submittedBy === context.actor)
      throw new EvaluationError(
        'TransitionForbidden',
        'the person who submitted an evaluation for review cannot also finalise it (four-eyes principle)',
        { action: 'finalise', actor: context.actor },
      );
    if (!context.hasSnapshot)
      throw new EvaluationError(
        'InvalidTransition',
        'an evaluation is finalised only with its frozen evidence snapshot',
        {
          action: 'finalise',
        },
      );
  }
  return transition;
}

/** @throws EvaluationError `EvaluationFrozen` when the evaluation is final. */
export function assertEditable(status: EvaluationStatus): void {
  if (status === 'final')
    throw new EvaluationError('EvaluationFrozen', 'the evaluation is final and can no longer be changed', {
      status,
    });
}
