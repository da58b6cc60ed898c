/**
 * Error codes of the indicator core. Callers map them once: the API to HTTP 422/400, the CLI
 * to a message and a non-zero exit, the event path to dead-letter (bad input never heals).
 */
export type IndicatorErrorCode =
  | 'InvalidIndexDefinition'
  | 'InvalidInput'
  | 'NotEnoughValidAreas'
  | 'ZeroVariance'
  | 'InvalidCrosswalk'
  | 'InvalidHierarchy'
  | 'InvalidTimeSeries'
  | 'FormulaSyntax';

export class IndicatorError extends Error {
  constructor(
    readonly code: IndicatorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IndicatorError';
  }
}
