import { ApiDefaultResponse } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { ErrorBody } from './error-body';

// Response contracts of the services' routes (docs/adr/0007-generated-portal-clients.md): the
// error body every route answers with, and the compile-time check that a service answers what
// its response schema documents. The portal's API types are generated from these documents.

/**
 * The error body every route answers with (DomainErrorFilter): the status, a stable code the
 * portal translates, an English message, and details naming fields or rows.
 */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export class ApiErrorDto extends createZodDto(apiErrorSchema) {}
export type _ErrorBodyDocumented = Expect<Answers<ErrorBody, typeof apiErrorSchema>>;

/**
 * `schema | null` for a field at the top level of a response schema, saying what null means.
 * A bare nullable primitive there (`z.string().nullable()`) is documented as an array: zod ≥ 4.5
 * writes `type: ["string", "null"]` and nestjs-zod 5.5 hands that to @nestjs/swagger, which reads
 * it as an array (nestjs-zod#473). With a description zod writes `anyOf`, which is documented
 * right. tools/openapi/generated-clients.spec.ts finds every field that still needs it.
 */
export function orNull<T extends z.ZodType>(schema: T, meaning: string): z.ZodNullable<T> {
  return schema.describe(meaning).nullable();
}

/** How the error response is described; cleanupServiceDocument finds it by this description. */
export const API_ERROR_DESCRIPTION = 'Any error: {statusCode, code, message, details?}';

/**
 * Class decorator: every route of the controller documents the error body. The served document
 * refers every route to one reusable response (cleanupServiceDocument), so the portal's generated
 * types name it once instead of once per operation.
 */
export const ApiErrorResponses = () =>
  ApiDefaultResponse({ description: API_ERROR_DESCRIPTION, type: ApiErrorDto.Output });

/** Text bodies (SVG figures, XML or CSV exports) documented as strings of their media type. */
export function textResponse(mediaType: string, description: string) {
  return { description, content: { [mediaType]: { schema: { type: 'string' as const } } } };
}

/** Binary bodies (workbooks, archives) documented as binary strings of their media type. */
export function binaryResponse(mediaType: string, description: string) {
  return {
    description,
    content: { [mediaType]: { schema: { type: 'string' as const, format: 'binary' } } },
  };
}

type DeepMutable<T> = T extends (infer U)[]
  ? DeepMutable<U>[]
  : T extends readonly (infer U)[]
    ? DeepMutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
      : T;

/**
 * Compile-time proof that a service answers everything its response schema documents, with the
 * documented types (readonly aside): `true`, or a message when they drifted apart. (Fields the
 * service adds beyond the schema are allowed: they are simply not part of the contract.)
 */
export type Answers<Service, Schema extends z.ZodType> = [DeepMutable<Service>] extends [
  DeepMutable<z.output<Schema>>,
]
  ? true
  : 'the schema documents something the service does not answer (or with another type)';

/**
 * Like `Answers`, and the schema also documents every field the service answers: a field added
 * to the service's answer without its schema fails to compile instead of reaching the portal
 * untyped.
 */
export type AnswersExactly<Service, Schema extends z.ZodType> =
  Answers<Service, Schema> extends true
    ? [DeepMutable<z.output<Schema>>] extends [DeepMutable<Service>]
      ? true
      : 'the service answers something its schema does not document (or with another type)'
    : Answers<Service, Schema>;

/** Holds only `true`: `type _X = Expect<Answers<…>>` fails to compile when they drift. */
export type Expect<T extends true> = T;

/** The awaited answer of a service method. */
export type AnswerOf<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/** `AnswersExactly` for a service method: its awaited answer against its route's response schema. */
export type MethodAnswersExactly<Method, Schema extends z.ZodType> = AnswersExactly<AnswerOf<Method>, Schema>;
