import { ApiDefaultResponse } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/**
 * The error body every route answers with (service-kit's DomainErrorFilter): the status, a
 * stable code the portal translates, an English message, and details naming fields or rows.
 */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export class ApiErrorDto extends createZodDto(apiErrorSchema) {}

// Note for view schemas: a nullable primitive at the top level of a DTO needs an inner
// `.describe(…)`. Without one zod writes `type: ["string", "null"]`, which @nestjs/swagger reads
// as an array property (nestjs-zod 5.5); with it zod writes `anyOf`, which is documented right.

/** Class decorator: every route of the controller documents the error body. */
export const ApiErrorResponses = () =>
  ApiDefaultResponse({
    description: 'Any error: {statusCode, code, message, details?}',
    type: ApiErrorDto.Output,
  });

/** Text bodies (SVG figures, XML exports) documented as strings of their media type. */
export function textResponse(mediaType: string, description: string) {
  return { description, content: { [mediaType]: { schema: { type: 'string' as const } } } };
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

/** Holds only `true`: `type _X = Expect<Answers<…>>` fails to compile when they drift. */
export type Expect<T extends true> = T;

/** The awaited answer of a service method. */
export type AnswerOf<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;
