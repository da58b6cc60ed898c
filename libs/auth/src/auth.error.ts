/**
 * Why a request was refused. Pure code (claims mapping, authorisation decisions, token
 * verification) throws this; the Nest guard maps it to HTTP once (`httpStatusOf`), so no
 * HttpException leaks into code that must also run outside HTTP (event handlers, CLI).
 */
export type AuthErrorCode =
  /** No bearer token presented. */
  | 'Unauthenticated'
  /** A token was presented but is not acceptable (signature, issuer, audience, expiry, claims). */
  | 'InvalidToken'
  /** The token's roles do not include any role the action requires. */
  | 'MissingRole'
  /** The role is held, but not for the area / programme the action touches. */
  | 'OutOfScope'
  /** A non-platform principal whose token names no tenant. */
  | 'NoTenant'
  /** The area is unknown in the principal's tenant (also when it exists in another tenant). */
  | 'AreaNotFound'
  /** A request names a tenant other than the principal's own. */
  | 'TenantNotFound'
  /** A platform admin acting on tenant data without naming the tenant. */
  | 'TenantRequired'
  /** The identity provider is unreachable or misconfigured (discovery, JWKS). */
  | 'IssuerUnavailable';

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

const STATUS: Record<AuthErrorCode, number> = {
  Unauthenticated: 401,
  InvalidToken: 401,
  MissingRole: 403,
  OutOfScope: 403,
  NoTenant: 403,
  // 404, not 403: answering "forbidden" for another tenant's area would confirm it exists.
  AreaNotFound: 404,
  TenantNotFound: 404,
  TenantRequired: 400,
  IssuerUnavailable: 503,
};

export function httpStatusOf(code: AuthErrorCode): number {
  return STATUS[code];
}

/** Every code an authorisation refusal answers with. */
export const AUTH_ERROR_CODES = Object.keys(STATUS) as readonly AuthErrorCode[];
