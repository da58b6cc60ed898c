import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { describeTextProblem, findUnsafeJson, type UnsafeJsonFinding } from '@quartier/contracts';
import type { NextFunction, Request, Response } from 'express';
import { ZodValidationPipe } from 'nestjs-zod';
import { registerErrorStatuses } from './domain-error.filter';

export type UnsafeInputCode = 'UnsafeText' | 'TooDeep';

/**
 * Input that no handler may see: text PostgreSQL cannot store (NUL, lone surrogates) or JSON
 * nested deep enough to exhaust the stack of whatever walks it. Answered 422 with the field named.
 */
export class UnsafeInputError extends Error {
  readonly details: { field: string; message: string }[];

  constructor(
    readonly code: UnsafeInputCode,
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'UnsafeInputError';
    this.details = [{ field, message: reason }];
  }
}

registerErrorStatuses(UnsafeInputError, { UnsafeText: 422, TooDeep: 422 });

/** Throws {@link UnsafeInputError} for the first unsafe member of `value`; `prefix` names where it came from. */
export function assertSafeInput(value: unknown, prefix = ''): void {
  const finding = findUnsafeJson(value);
  if (finding) throw unsafeInputError(finding, prefix);
}

function unsafeInputError(finding: UnsafeJsonFinding, prefix: string): UnsafeInputError {
  const field = [prefix, finding.path].filter((part) => part !== '').join('.') || '(body)';
  return new UnsafeInputError(
    finding.problem === 'depth' ? 'TooDeep' : 'UnsafeText',
    field,
    describeTextProblem(finding.problem),
  );
}

/**
 * Runs after the JSON body parser and before routing: a parsed body with unstorable text or
 * absurd nesting is refused here, before zod (whose recursive walk a 5,000-deep value would
 * overflow) or any handler sees it.
 */
export function refuseUnsafeBody(req: Request, _res: Response, next: NextFunction): void {
  try {
    if (req.body !== undefined) assertSafeInput(req.body);
    next();
  } catch (error) {
    next(error);
  }
}

/**
 * The global validation pipe: every body, query and route parameter is checked for unsafe text
 * (whatever its declared type, so `@Param('id') id: string` is covered too), then DTOs are
 * parsed by their zod schemas.
 */
@Injectable()
export class SafeZodValidationPipe implements PipeTransform {
  private readonly zod = new ZodValidationPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom') {
      assertSafeInput(value, metadata.data ?? '');
    }
    return this.zod.transform(value, metadata);
  }
}
