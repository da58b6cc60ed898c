import { ApiDefaultResponse } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

// Response contracts of the evaluation routes (docs/adr/0007-generated-portal-clients.md): the
// error body every route answers with, and the compile-time check that a service answers what
// its response schema documents. The programme service has the same helpers; a service library
// may not import another service's, so they are restated here.

/** The error body (service-kit's DomainErrorFilter): status, stable code, message, details. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export class ApiErrorDto extends createZodDto(apiErrorSchema) {}

/** Class decorator: every route of the controller documents the error body. */
export const ApiErrorResponses = () =>
  ApiDefaultResponse({
    description: 'Any error: {statusCode, code, message, details?}',
    type: ApiErrorDto.Output,
  });

type DeepMutable<T> = T extends (infer U)[]
  ? DeepMutable<U>[]
  : T extends readonly (infer U)[]
    ? DeepMutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
      : T;

/**
 * Compile-time proof that a service answers everything its response schema documents, with the
 * documented types (readonly aside): `true`, or a message when they drifted apart.
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

/** `{de, en}` texts of the core's catalogues. */
export const translatedView = z.object({ de: z.string(), en: z.string() });
