import type { OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';

// nestjs-zod writes each DTO's schema with markers and `$defs`; cleanupOpenApiDoc turns them into
// components. A schema named with `.meta({ id })` becomes its own component that every DTO using it
// refers to, so a clause shared by several answers is documented (and typed in the portal) once.

const UNWRAP_ROOT = 'x-nestjs_zod-unwrap-root';
const PARENT_ID = 'x-nestjs_zod-parent-id';

/**
 * The service's OpenAPI document as it is served: nestjs-zod's cleanup, after one repair.
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
  return cleanupOpenApiDoc(document);
}
