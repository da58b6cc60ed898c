import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Path parameters that no DTO pipe reads (a tenant id, a tile's z/x/y), checked against their
 * schema: a bad one is a 400 ValidationFailed naming the parameter (`name` when the schema
 * checks a single value) like the validation pipe's answers.
 */
export function parsePathParams<S extends z.ZodType>(schema: S, value: unknown, name: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new BadRequestException({
      code: 'ValidationFailed',
      message: `${parsed.error.issues[0].path.join('.') || name}: ${parsed.error.issues[0].message}`,
    });
  return parsed.data;
}
