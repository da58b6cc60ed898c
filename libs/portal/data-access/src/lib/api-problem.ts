/** An API failure reduced to what the UI shows: the server's message and code, or the cause. */
export interface ApiProblem {
  /** HTTP status; 0 = the server was not reached. */
  readonly status: number;
  readonly code: string | null;
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

/** Reads the registry's error body `{ statusCode, code, message, details? }`, tolerating other shapes. */
export function toApiProblem(status: number, body: unknown): ApiProblem {
  if (typeof body !== 'object' || body === null) {
    return {
      status,
      code: null,
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
    message: message || null,
    details,
  };
}
