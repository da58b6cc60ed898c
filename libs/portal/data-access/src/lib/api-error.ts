import { HttpErrorResponse } from '@angular/common/http';
import { type ApiProblem, toApiProblem } from './api-problem';

/** Any failure of an API call (HTTP error, network, bug) as an `ApiProblem` for the UI. */
export function problemFrom(error: unknown): ApiProblem {
  if (error instanceof HttpErrorResponse) return toApiProblem(error.status, error.error);
  return {
    status: -1,
    code: null,
    params: {},
    fields: [],
    message: error instanceof Error ? error.message : String(error),
    details: [],
  };
}
