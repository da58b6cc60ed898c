import { z } from 'zod';

/**
 * A PATCH body: only the fields a caller may change (any other is refused), and refused with
 * 'nothing to change' when it names none — a request that would change nothing is a caller's
 * mistake, not a no-op.
 */
export function patchBody<Shape extends z.ZodRawShape>(fields: Shape) {
  return z
    .object(fields)
    .strict()
    .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
}
