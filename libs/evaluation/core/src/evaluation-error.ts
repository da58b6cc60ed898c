/**
 * Error codes of the evaluation core. Callers map them once: the API to HTTP 422/409/403, the
 * CLI to a message and exit code 2. `details` carries the offending names (areas, periods,
 * indicators, fields) so a caller can build a translated message without parsing `message`.
 */
export type EvaluationErrorCode =
  /** Malformed input: duplicate value, unknown group, empty list, non-finite number, … */
  | 'InvalidInput'
  /** A group (treated / comparison) has fewer than 2 areas with observations. */
  | 'TooFewAreas'
  /** A group has no observation in the pre or post periods (or in the reference period). */
  | 'MissingObservations'
  /** A text that is no period, a period both pre and post, or a pre period not ending before the post ones. */
  | 'InvalidPeriods'
  /** Not enough observations left to estimate the residual variance (N ≤ K). */
  | 'TooFewObservations'
  /** The regressors are perfectly collinear: the model is not identified. */
  | 'SingularDesign'
  /** The covariance of the matching indicators cannot be inverted. */
  | 'SingularCovariance'
  /** A treated area lacks a baseline value for a matching indicator. */
  | 'MissingBaseline'
  /** Fewer candidate areas than neighbours asked for. */
  | 'NotEnoughCandidates'
  /** Fewer candidate areas in the restricted candidate pool than neighbours asked for. */
  | 'NotEnoughCandidatesInPool'
  /** A manual adjustment of the comparison set that cannot be applied. */
  | 'InvalidAdjustment'
  /** A rating outside the scale, a criterion that does not exist, a missing justification. */
  | 'InvalidRating'
  /** A status change the workflow does not allow from the current status. */
  | 'InvalidTransition'
  /** A status change the actor's roles do not allow. */
  | 'TransitionForbidden'
  /** A final evaluation is frozen: nothing of it may change. */
  | 'EvaluationFrozen'
  /** A snapshot that is malformed, of an unknown version, or whose hash does not match. */
  | 'InvalidSnapshot';

export class EvaluationError extends Error {
  constructor(
    readonly code: EvaluationErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'EvaluationError';
  }
}
