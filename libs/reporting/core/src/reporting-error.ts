/**
 * Error codes of the reporting core. The reporting service maps them once: `InvalidDocument` and
 * `InvalidReportData` are bad input (HTTP 422, a failed job that retrying cannot heal),
 * `InvalidFont` and `RenderFailed` are operator problems (a broken deployment, not the user's).
 */
export type ReportingErrorCode = 'InvalidDocument' | 'InvalidReportData' | 'InvalidFont' | 'RenderFailed';

export class ReportingError extends Error {
  constructor(
    readonly code: ReportingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReportingError';
  }
}
