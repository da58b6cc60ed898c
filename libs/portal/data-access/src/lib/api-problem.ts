/** An API failure reduced to what the UI shows: the server's message and code, or the cause. */
export interface ApiProblem {
  /** HTTP status; 0 = the server was not reached. */
  readonly status: number;
  readonly code: string | null;
  /** Scalar details of the answer (e.g. `{ role, subject }`), for the translated sentence. */
  readonly params: Readonly<Record<string, string | number>>;
  /** The input fields a validation error named. */
  readonly fields: readonly string[];
  readonly message: string | null;
  readonly details: readonly string[];
}

function detailText(detail: unknown): string | null {
  if (typeof detail === 'string') return detail;
  if (typeof detail === 'object' && detail !== null) {
    const record = detail as Record<string, unknown>;
    const field = typeof record['field'] === 'string' ? record['field'] : null;
    const message =
      typeof record['message'] === 'string'
        ? record['message']
        : typeof record['reason'] === 'string'
          ? record['reason']
          : null;
    if (message) return field ? `${field}: ${message}` : message;
  }
  return null;
}

function scalarParams(details: unknown): Record<string, string | number> {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return {};
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
      params[key] = value.join(', ');
  }
  return params;
}

function fieldsOf(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  const fields = details
    .map((d) => (typeof d === 'object' && d !== null ? (d as Record<string, unknown>)['field'] : undefined))
    .filter((f): f is string => typeof f === 'string' && f !== '');
  return [...new Set(fields)];
}

/** Reads the registry's error body `{ statusCode, code, message, details? }`, tolerating other shapes. */
export function toApiProblem(status: number, body: unknown): ApiProblem {
  if (typeof body !== 'object' || body === null) {
    return {
      status,
      code: null,
      params: {},
      fields: [],
      message: typeof body === 'string' && body.trim() !== '' && body.length < 500 ? body : null,
      details: [],
    };
  }
  const record = body as Record<string, unknown>;
  const rawMessage = record['message'];
  const message =
    typeof rawMessage === 'string'
      ? rawMessage
      : Array.isArray(rawMessage)
        ? rawMessage.filter((m) => typeof m === 'string').join('; ')
        : null;
  const details = Array.isArray(record['details'])
    ? record['details'].map(detailText).filter((d): d is string => d !== null)
    : [];
  return {
    status,
    code: typeof record['code'] === 'string' ? record['code'] : null,
    params: scalarParams(record['details']),
    fields: fieldsOf(record['details']),
    message: message || null,
    details,
  };
}
