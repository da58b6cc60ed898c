import type { ErrorBody } from './error-body';

// The last line of defence: a write the API's validation let through but PostgreSQL refused
// (a unique key raced or not checked, a value out of a column's range) is the caller's problem,
// not an internal error. Only column names are reported, never the values (they may be answers).

const STATUS_BY_SQLSTATE: Record<string, { status: number; code: string; message: string }> = {
  '23505': { status: 409, code: 'Conflict', message: 'a record with the same values exists' },
  '23503': {
    status: 409,
    code: 'Conflict',
    message: 'the record refers to one that does not exist, or is still referred to',
  },
  '23514': { status: 422, code: 'ConstraintViolated', message: 'a value breaks a rule of the data' },
  '22001': { status: 422, code: 'ValueTooLong', message: 'a value is longer than its field allows' },
  '22003': { status: 422, code: 'ValueOutOfRange', message: 'a number is out of its field’s range' },
  '22007': { status: 422, code: 'InvalidDate', message: 'a date or time is not valid' },
  '22008': { status: 422, code: 'InvalidDate', message: 'a date or time is out of range' },
  '22021': { status: 422, code: 'UnsafeText', message: 'a text contains bytes that are not valid UTF-8' },
  '22P05': { status: 422, code: 'UnsafeText', message: 'a text contains a character that cannot be stored' },
  '54001': { status: 422, code: 'TooDeep', message: 'a value is nested too deeply' },
};

/** The codes of the database refusals with their HTTP status. */
export const DATABASE_ERROR_STATUSES: ReadonlyMap<string, number> = new Map(
  Object.values(STATUS_BY_SQLSTATE).map(({ code, status }) => [code, status]),
);

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The HTTP answer for a PostgreSQL refusal of the caller's data; null for anything else. */
export function databaseErrorBody(error: unknown): ErrorBody | null {
  if (!(error instanceof Error)) return null;
  const source = (error as { driverError?: unknown }).driverError ?? error;
  const sqlState = (source as { code?: unknown }).code;
  if (typeof sqlState !== 'string' || !Object.hasOwn(STATUS_BY_SQLSTATE, sqlState)) return null;
  const mapped = STATUS_BY_SQLSTATE[sqlState];
  // "Key (network_id, external_id)=(…) already exists." → the columns, without the values.
  const columns = /Key \(([^)]*)\)/.exec(String((source as { detail?: unknown }).detail ?? ''))?.[1];
  const fields = columns ? columns.split(',').map((c) => camel(c.trim())) : [];
  const column = (source as { column?: unknown }).column;
  if (fields.length === 0 && typeof column === 'string') fields.push(camel(column));
  const named = fields.filter((f) => f !== 'tenantId');
  return {
    statusCode: mapped.status,
    code: mapped.code,
    message: named.length > 0 ? `${named.join(', ')}: ${mapped.message}` : mapped.message,
    ...(named.length > 0 ? { details: named.map((field) => ({ field, message: mapped.message })) } : {}),
  };
}
