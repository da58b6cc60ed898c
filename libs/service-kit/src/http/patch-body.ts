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

type Changeable<Shape extends z.ZodRawShape> = {
  [K in keyof Shape]: z.ZodOptional<Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K]>;
};

/**
 * A create body's fields as its PATCH body takes them: each optional, and without the default a
 * create fills in (a field left out of a change stays as it is), so the two cannot drift apart.
 */
export function changeable<Shape extends z.ZodRawShape>(fields: Shape): Changeable<Shape> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [
      key,
      z.optional(field instanceof z.ZodDefault ? field.unwrap() : field),
    ]),
  ) as Changeable<Shape>;
}
