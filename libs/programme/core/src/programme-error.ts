/**
 * Error codes of the programme core. Callers map them once: the API to an HTTP status (e.g.
 * `ForbiddenTransition` → 403, `InvalidTransition` → 409, `OverCommitment` and the `Invalid…`
 * codes → 422), the CLI to a message and exit code 2, the event path to dead-letter.
 */
export type ProgrammeErrorCode =
  /** Allocation input is malformed: a need, an amount, a duplicate area, a floor/cap not a multiple of the unit. */
  | 'InvalidAllocationInput'
  /** Allocation input is well-formed but no split satisfies it (floors above budget, caps below, …). */
  | 'InfeasibleAllocation'
  | 'InvalidAttainmentInput'
  | 'InvalidThresholds'
  | 'InvalidSelectionRule'
  | 'InvalidAreaChanges'
  /** The actor's roles do not permit this workflow action. */
  | 'ForbiddenTransition'
  /** The action does not exist from the measure's current status (including terminal ones). */
  | 'InvalidTransition'
  /** Rejecting or cancelling a measure needs a comment (the reason is part of the audit trail). */
  | 'CommentRequired'
  /** A workflow call is malformed (no user, a time that is not an ISO instant). */
  | 'InvalidWorkflowInput'
  | 'InvalidBudget'
  /** Approving or re-budgeting a measure would commit more than a budget line holds. */
  | 'OverCommitment'
  | 'InvalidImpactModel'
  | 'InvalidIatiInput'
  /** A measure table (CSV/XLSX import) has bad rows; every one is named. */
  | 'InvalidMeasureTable';

/** One located problem: `path` in the input (`nodes[2].bindings[0].target.date`), a reason. */
export interface ProgrammeIssue {
  readonly path: string;
  readonly reason: string;
}

/**
 * Values a translated message needs (the portal renders `code` + `params` in German or
 * English; `message` is the English text for logs and the CLI).
 */
export type ProgrammeErrorParams = Readonly<
  Record<string, string | number | boolean | null | readonly (string | number)[]>
>;

/** The programme domain's one error type. Never an HTTP exception: the API maps `code`. */
export class ProgrammeError extends Error {
  constructor(
    readonly code: ProgrammeErrorCode,
    message: string,
    readonly params: ProgrammeErrorParams = {},
    readonly issues: readonly ProgrammeIssue[] = [],
  ) {
    super(message);
    this.name = 'ProgrammeError';
  }
}

/** `path: reason` per issue, one per line — the format the CLI and the API details share. */
export function formatProgrammeIssues(issues: readonly ProgrammeIssue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.reason}` : issue.reason)).join('\n');
}
