import { applyDecorators, Controller, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from './api-contract';

// The decorator stacks every service controller repeated, composed once (Nest's applyDecorators),
// so a controller states only what is its own: its tag and path, a route's summary.

/**
 * Class decorator of a controller that callers reach with a bearer token: its routes under
 * `path`, grouped under `tag` in the OpenAPI document, documented as needing the token and as
 * answering any error with the error body (ApiErrorResponses). Role gates stay beside it.
 */
export function ServiceController(tag: string, path: string) {
  return applyDecorators(ApiTags(tag), ApiBearerAuth(), ApiErrorResponses(), Controller(path));
}

/**
 * A route that answers 204 without a body (a deletion, a membership set or revoked): the status,
 * its summary, and what the empty answer means when there is something to say.
 */
export function NoContentRoute(summary: string, answer?: string) {
  return applyDecorators(
    HttpCode(204),
    ApiOperation({ summary }),
    answer === undefined ? ApiNoContentResponse() : ApiNoContentResponse({ description: answer }),
  );
}
