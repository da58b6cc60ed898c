import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { AUTH_ERROR_CODES, AuthError, httpStatusOf } from '@quartier/auth';
import { loggableError } from '@quartier/observability';
import type { Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import { UNSAFE_TEXT_ISSUE } from '@quartier/contracts';
import type { ZodError } from 'zod';
import { DATABASE_ERROR_STATUSES, databaseErrorBody } from './database-errors';
import type { ErrorBody } from './error-body';

/** Every domain error carries a string code; modules declare which HTTP status each code means. */
export interface CodedError {
  code: string;
  message: string;
  details?: unknown;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * HTTP meaning of error codes, per error class: each module maps its own errors, so two
 * modules using the same code (the registry's and the indicator service's `LevelNotFound`) can
 * answer differently inside one embedded process.
 */
interface ErrorMapping {
  type: ErrorClass;
  statuses: Readonly<Record<string, number>>;
  /** What the error body's `details` carry (default: the error's own `details`). */
  details?: (error: never) => unknown;
}
const mappings: ErrorMapping[] = [];

/** Declares the HTTP status of each code of a module's error class (once per module). */
export function registerErrorStatuses<E extends Error>(
  type: abstract new (...args: never[]) => E,
  statuses: Readonly<Record<string, number>>,
  details?: (error: E) => unknown,
): void {
  if (!mappings.some((m) => m.type === type && m.statuses === statuses))
    mappings.push({ type, statuses, details: details as ErrorMapping['details'] });
}

function mappingOf(error: unknown): ErrorMapping | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  return mappings.find((m) => error instanceof m.type && Object.hasOwn(m.statuses, code));
}

function statusOf(error: unknown): number | undefined {
  const mapping = mappingOf(error);
  return mapping?.statuses[(error as CodedError).code];
}

/** The codes the filter answers with by itself: invalid or unreadable input, too large a body, the unexpected. */
const FILTER_ERROR_STATUSES: Readonly<Record<string, number>> = {
  ValidationFailed: 400,
  UnsafeText: 422,
  MalformedBody: 400,
  PayloadTooLarge: 413,
  InternalError: 500,
};

/**
 * Every error code an HTTP answer of this process can carry, with its lowest status: the filter's
 * own, the database refusals', the authorisation refusals' and those of every error class
 * registered so far (a service's classes register when its modules load). The portal words each
 * of them (tools/openapi/error-texts.spec.ts holds it to that).
 */
export function answerableErrorCodes(): ReadonlyMap<string, number> {
  const codes = new Map<string, number>();
  const add = (code: string, status: number) => codes.set(code, Math.min(status, codes.get(code) ?? status));
  for (const [code, status] of Object.entries(FILTER_ERROR_STATUSES)) add(code, status);
  for (const [code, status] of DATABASE_ERROR_STATUSES) add(code, status);
  for (const code of AUTH_ERROR_CODES) add(code, httpStatusOf(code));
  for (const mapping of mappings)
    for (const [code, status] of Object.entries(mapping.statuses)) add(code, status);
  return codes;
}

export function isCodedError(error: unknown): error is CodedError {
  return statusOf(error) !== undefined;
}

/**
 * The one place errors become HTTP responses: domain errors by code, validation errors with the
 * offending field named, Nest HTTP errors as they are, anything else as 500 without internals.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    // Errors quote what they refused (`invalid input syntax for type date: "…"`, a JSON parse
    // error's text): the request's answers and codes, which the log must not carry.
    if (body.statusCode >= 500) this.logger.error(loggableError(error));
    else if (error instanceof Error && databaseErrorBody(error))
      // The API should have refused this itself: worth a look, but the caller got a clear answer.
      this.logger.warn(
        `database refused a request's data (${body.code}): ${loggableError(error, { stack: false }).split('\n')[0]}`,
      );
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof ZodValidationException) {
      const zodError = error.getZodError() as ZodError;
      const unsafe = zodError.issues.filter(
        (issue) => issue.code === 'custom' && issue.params?.['code'] === UNSAFE_TEXT_ISSUE,
      );
      // Text that is well-formed but refused (bidi controls in a name) is unprocessable, not malformed.
      const issues = unsafe.length > 0 ? unsafe : zodError.issues;
      const details = issues.map((issue) => ({
        field: issue.path.join('.') || '(body)',
        message: issue.message,
      }));
      const first = details[0];
      return {
        statusCode: unsafe.length > 0 ? 422 : 400,
        code: unsafe.length > 0 ? 'UnsafeText' : 'ValidationFailed',
        message: `${first.field}: ${first.message}`,
        details,
      };
    }
    // Authorisation decided inside a service (e.g. scope checked after loading an aggregate).
    if (error instanceof AuthError) {
      return { statusCode: httpStatusOf(error.code), code: error.code, message: error.message };
    }
    if (isCodedError(error)) {
      return {
        statusCode: statusOf(error) as number,
        code: error.code,
        message: error.message,
        details: detailsOf(error),
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const res = error.getResponse();
      const message =
        typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? error.message);
      const code =
        (typeof res === 'object' && typeof (res as { code?: unknown }).code === 'string'
          ? (res as { code: string }).code
          : undefined) ?? codeForStatus(status);
      return { statusCode: status, code, message: Array.isArray(message) ? message.join('; ') : message };
    }
    const refused = databaseErrorBody(error);
    if (refused) return refused;
    if (isBodyParserError(error)) {
      return {
        statusCode: error.status,
        code: error.status === 413 ? 'PayloadTooLarge' : 'MalformedBody',
        message: error.message,
      };
    }
    return { statusCode: 500, code: 'InternalError', message: 'internal error' };
  }
}

function detailsOf(error: CodedError): unknown {
  const toDetails = mappingOf(error)?.details;
  return toDetails ? toDetails(error as never) : error.details;
}

function isBodyParserError(error: unknown): error is { status: number; message: string } {
  const status = (error as { status?: unknown })?.status;
  return (
    error instanceof Error && typeof status === 'number' && status >= 400 && status < 500 && 'type' in error
  );
}

function codeForStatus(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
