import type { INestApplication, Type } from '@nestjs/common';
import {
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type ReferenceObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { API_ERROR_DESCRIPTION } from './api-contract';

// nestjs-zod writes each DTO's schema with markers and `$defs`; cleanupOpenApiDoc turns them into
// components. A schema named with `.meta({ id })` becomes its own component that every DTO using it
// refers to, so a clause shared by several answers is documented (and typed in the portal) once.

const UNWRAP_ROOT = 'x-nestjs_zod-unwrap-root';
const PARENT_ID = 'x-nestjs_zod-parent-id';

/** The name of the one error response every operation refers to (`components.responses`). */
export const API_ERROR_RESPONSE = 'ApiError';

/**
 * A service's OpenAPI document, built from the routes of its modules: what the running service
 * serves (configure-http.ts) and what the portal's clients are generated from
 * (tools/openapi/documents.mjs), so the two cannot differ.
 */
export function buildServiceDocument(
  app: INestApplication,
  docs: { title: string; description: string; modules: Type<unknown>[] },
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(docs.title)
    .setDescription(docs.description)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    include: docs.modules,
    deepScanRoutes: true,
  });
  return cleanupServiceDocument(document);
}

/**
 * The service's OpenAPI document as it is served: nestjs-zod's cleanup, after one repair, and the
 * error response every operation documents (ApiErrorResponses) named once.
 *
 * A DTO whose root schema is itself named (an answer that is also an item of a list, such as a
 * measure) reaches the document as a reference to its named schema: zod ≥ 4.5 writes a named root
 * as `$ref` into its own `$defs`. nestjs-zod 5.5 would then rename the DTO's component to that
 * name, where it refers to itself and collides with the named schema, and refuse the document
 * (nestjs-zod#475). Keeping the DTO's own name leaves it a plain alias of the named component.
 */
export function cleanupServiceDocument(document: OpenAPIObject): OpenAPIObject {
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    const root = (schema as { properties?: Record<string, Record<string, unknown>> }).properties?.['root'];
    if (root?.[UNWRAP_ROOT] === true && root['$ref'] === `#/$defs/${String(root[PARENT_ID])}`)
      delete root[PARENT_ID];
  }
  return shareErrorResponse(cleanupOpenApiDoc(document));
}

/**
 * Every operation's `default` response that is the error body of ApiErrorResponses becomes a
 * reference to one response under `components.responses`: the same in the document, and
 * openapi-typescript then types it once (`default: components['responses']['ApiError']`) instead
 * of writing the same block out in every operation of the portal's generated clients.
 */
function shareErrorResponse(document: OpenAPIObject): OpenAPIObject {
  let shared: ResponseObject | undefined;
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, unknown>)) {
      const responses = (operation as { responses?: Record<string, ResponseObject | ReferenceObject> })
        .responses;
      const response = responses?.['default'];
      if (!responses || !response || !isApiErrorResponse(response)) continue;
      shared ??= response;
      responses['default'] = { $ref: `#/components/responses/${API_ERROR_RESPONSE}` };
    }
  }
  if (shared) {
    document.components = {
      ...document.components,
      responses: { ...document.components?.responses, [API_ERROR_RESPONSE]: shared },
    };
  }
  return document;
}

function isApiErrorResponse(response: ResponseObject | ReferenceObject): response is ResponseObject {
  return !('$ref' in response) && response.description === API_ERROR_DESCRIPTION;
}
