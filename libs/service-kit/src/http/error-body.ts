/**
 * The body every error response carries: the status, a stable code the portal translates, an
 * English message, and details naming fields or rows. DomainErrorFilter writes it; what refuses a
 * request before or beside the filter (a database refusal, the documented schema) answers it too.
 */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}
