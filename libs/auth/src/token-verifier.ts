import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { AuthError } from './auth.error';
import { principalFromClaims, type Principal } from './principal';

export const DEFAULT_AUDIENCE = 'quartier-api';

/** Only asymmetric algorithms: a key from the JWKS must never double as an HMAC secret. */
const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

export interface TokenVerifierOptions {
  /** Issuer URL exactly as it appears in `iss` (Keycloak: `https://host/realms/quartier`). */
  readonly issuer: string;
  /** Required audience; default `quartier-api`. */
  readonly audience?: string;
  /**
   * Clients (`azp`) whose tokens are accepted even when `aud` lacks the audience. Keycloak
   * leaves a client out of `aud` for tokens that client obtained for itself, putting it into
   * `azp` instead, so a token requested *by* a client called `quartier-api` (e.g. a service
   * account) carries `azp: quartier-api` and no matching `aud`. Default: `[audience]`. The
   * realm export adds `quartier-api` to `aud` with an audience mapper, so portal and CLI
   * tokens pass the regular `aud` check.
   */
  readonly authorizedParties?: readonly string[];
  /** Allowed clock skew between us and the issuer, in seconds; default 30. */
  readonly clockToleranceSeconds?: number;
  /** HTTP timeout for discovery and JWKS fetches, in milliseconds; default 5000. */
  readonly timeoutMs?: number;
}

interface DiscoveryDocument {
  readonly issuer: string;
  readonly jwks_uri: string;
}

/**
 * Validates bearer tokens of any standards-compliant OIDC issuer (Keycloak, the dev provider):
 * discovery → `jwks_uri` → signature, issuer, audience, expiry → Principal.
 *
 * Discovery happens on first use, not at construction, because in embedded mode the issuer is
 * the very process that is still starting; a failed discovery is retried on the next request
 * instead of being cached. Keys are cached by jose and refetched when an unknown `kid` shows
 * up, so key rotation at the issuer needs no restart.
 */
export class OidcTokenVerifier {
  readonly issuer: string;
  readonly audience: string;
  private readonly authorizedParties: ReadonlySet<string>;
  private readonly clockTolerance: number;
  private readonly timeoutMs: number;
  private keys: Promise<JWTVerifyGetKey> | undefined;

  constructor(options: TokenVerifierOptions) {
    this.issuer = options.issuer;
    this.audience = options.audience ?? DEFAULT_AUDIENCE;
    this.authorizedParties = new Set(options.authorizedParties ?? [this.audience]);
    this.clockTolerance = options.clockToleranceSeconds ?? 30;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Verifies a compact JWS access token and maps it to a Principal; throws AuthError. */
  async verify(token: string): Promise<Principal> {
    const payload = await this.verifyPayload(token);
    return principalFromClaims(payload);
  }

  /** Verifies signature, issuer, expiry and audience; returns the raw claims. */
  async verifyPayload(token: string): Promise<JWTPayload> {
    const getKey = await this.signingKeys();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        issuer: this.issuer,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: this.clockTolerance,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw this.toAuthError(error);
    }
    this.checkIssuedAt(payload);
    this.checkAudience(payload);
    return payload;
  }

  /**
   * jose checks `iat` against the clock only when a maximum token age is set. A token "issued"
   * later than now (beyond the skew we allow for `exp` too) comes from a misconfigured or
   * compromised issuer, or was minted to outlive a key rotation: refuse it.
   */
  private checkIssuedAt(payload: JWTPayload): void {
    if (payload.iat === undefined) return;
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.iat !== 'number' || payload.iat > now + this.clockTolerance) {
      throw new AuthError('InvalidToken', 'token claim "iat" rejected: issued in the future');
    }
  }

  private checkAudience(payload: JWTPayload): void {
    const audiences =
      payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (audiences.includes(this.audience)) return;
    if (typeof payload['azp'] === 'string' && this.authorizedParties.has(payload['azp'])) return;
    throw new AuthError(
      'InvalidToken',
      `token is not meant for this API (audience ${this.audience} missing)`,
    );
  }

  private toAuthError(error: unknown): AuthError {
    if (error instanceof AuthError) return error;
    if (error instanceof joseErrors.JWTExpired) return new AuthError('InvalidToken', 'token expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      return new AuthError('InvalidToken', `token claim "${error.claim}" rejected: ${error.reason}`);
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
      return new AuthError('InvalidToken', 'token signature is invalid');
    }
    if (error instanceof joseErrors.JWKSNoMatchingKey) {
      return new AuthError('InvalidToken', 'token is signed with a key the issuer does not publish');
    }
    if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
      return new AuthError(
        'IssuerUnavailable',
        `signing keys of ${this.issuer} unavailable: ${error.message}`,
      );
    }
    if (error instanceof joseErrors.JOSEError) {
      return new AuthError('InvalidToken', `token rejected: ${error.message}`);
    }
    if (error instanceof TypeError || (error instanceof Error && error.name === 'AbortError')) {
      // fetch failures of the JWKS (connection refused, DNS) surface as TypeError.
      return new AuthError(
        'IssuerUnavailable',
        `signing keys of ${this.issuer} unavailable: ${error.message}`,
      );
    }
    return new AuthError('InvalidToken', 'token rejected');
  }

  private signingKeys(): Promise<JWTVerifyGetKey> {
    if (!this.keys) {
      this.keys = this.discover().then(
        (doc) => createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: this.timeoutMs }),
        (error: unknown) => {
          this.keys = undefined;
          throw error;
        },
      );
    }
    return this.keys;
  }

  /** Fetches and checks `<issuer>/.well-known/openid-configuration`. */
  async discover(): Promise<DiscoveryDocument> {
    return fetchDiscovery(this.issuer, this.timeoutMs);
  }
}

/** OIDC discovery (OpenID Connect Discovery 1.0 §4), with the issuer check of §4.3. */
export async function fetchDiscovery(
  issuer: string,
  timeoutMs = 5000,
): Promise<DiscoveryDocument & Readonly<Record<string, unknown>>> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    throw new AuthError('IssuerUnavailable', `OIDC discovery at ${url} failed: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new AuthError('IssuerUnavailable', `OIDC discovery at ${url} answered HTTP ${response.status}`);
  }
  const doc: unknown = await response.json().catch(() => undefined);
  if (typeof doc !== 'object' || doc === null) {
    throw new AuthError('IssuerUnavailable', `OIDC discovery at ${url} did not return JSON`);
  }
  const record = doc as Record<string, unknown>;
  if (record['issuer'] !== issuer) {
    // The spec requires an exact match; a mismatch usually means a proxy rewrote the host or
    // OIDC_ISSUER lacks/has a trailing slash — tokens would fail the iss check anyway.
    throw new AuthError(
      'IssuerUnavailable',
      `OIDC discovery at ${url} names issuer ${String(record['issuer'])}, expected ${issuer}`,
    );
  }
  if (typeof record['jwks_uri'] !== 'string') {
    throw new AuthError('IssuerUnavailable', `OIDC discovery at ${url} has no jwks_uri`);
  }
  return record as DiscoveryDocument & Record<string, unknown>;
}
