import { AuthError } from './auth.error';
import { fetchDiscovery } from './token-verifier';

export const CLI_CLIENT_ID = 'quartier-cli';
export const PORTAL_CLIENT_ID = 'quartier-portal';

export interface PasswordGrantRequest {
  readonly issuer: string;
  readonly username: string;
  readonly password: string;
  /** Default `quartier-cli`, the public client with direct grant in both providers. */
  readonly clientId?: string;
  readonly scope?: string;
  readonly timeoutMs?: number;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in?: number;
  readonly scope?: string;
}

/**
 * Resource-owner password grant against whichever issuer is configured: Keycloak's "direct
 * access grant" and the dev provider's registered `password` grant share the wire format, and
 * the token endpoint comes from discovery, so `quartier token --user admin` works with both.
 * Meant for the CLI and tests; browsers use the code flow.
 */
export async function requestPasswordGrant(request: PasswordGrantRequest): Promise<TokenResponse> {
  const timeoutMs = request.timeoutMs ?? 5000;
  const discovery = await fetchDiscovery(request.issuer, timeoutMs);
  const tokenEndpoint = discovery['token_endpoint'];
  if (typeof tokenEndpoint !== 'string') {
    throw new AuthError('IssuerUnavailable', `issuer ${request.issuer} publishes no token_endpoint`);
  }
  const body = new URLSearchParams({
    grant_type: 'password',
    client_id: request.clientId ?? CLI_CLIENT_ID,
    username: request.username,
    password: request.password,
    scope: request.scope ?? 'openid profile',
  });
  let response: Response;
  try {
    response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new AuthError(
      'IssuerUnavailable',
      `token endpoint ${tokenEndpoint} unreachable: ${(error as Error).message}`,
    );
  }
  const json: unknown = await response.json().catch(() => undefined);
  const record = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (!response.ok) {
    const reason = [record['error'], record['error_description']]
      .filter((part) => typeof part === 'string')
      .join(': ');
    throw new AuthError(
      'Unauthenticated',
      `login as ${request.username} refused (HTTP ${response.status}${reason ? `, ${reason}` : ''})`,
    );
  }
  if (typeof record['access_token'] !== 'string' || typeof record['token_type'] !== 'string') {
    throw new AuthError('IssuerUnavailable', `token endpoint ${tokenEndpoint} returned no access token`);
  }
  return record as unknown as TokenResponse;
}
