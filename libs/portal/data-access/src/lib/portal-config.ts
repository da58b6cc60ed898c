/** What `/portal-config.json` tells the portal about its environment (served by the platform or nginx). */
export interface PortalConfig {
  readonly oidcIssuer: string;
  readonly oidcClientId: string;
  /** Prefix for API calls; '' = same origin as the portal. */
  readonly apiBaseUrl: string;
  /** Optional: scopes to request (default 'openid profile'). */
  readonly oidcScope: string;
  /**
   * The demo platform says whether Berlin's reference data was there to seed Berlin (the About
   * page then says how to add it); null where nobody said (a deployment without the demo).
   */
  readonly berlinData: boolean | null;
}

export class PortalConfigError extends Error {
  override readonly name = 'PortalConfigError';
}

function requiredString(raw: Record<string, unknown>, field: string): string {
  const value = raw[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PortalConfigError(`portal-config.json: "${field}" must be a non-empty string`);
  }
  return value.trim();
}

/**
 * Validates the fetched JSON. Failing here, with the field named, beats an OIDC library
 * error about an "undefined" authority three redirects later.
 */
export function parsePortalConfig(raw: unknown): PortalConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PortalConfigError('portal-config.json: expected a JSON object');
  }
  const record = raw as Record<string, unknown>;
  const oidcIssuer = requiredString(record, 'oidcIssuer');
  if (!/^https?:\/\//.test(oidcIssuer)) {
    throw new PortalConfigError('portal-config.json: "oidcIssuer" must be an http(s) URL');
  }
  const apiBaseUrl = record['apiBaseUrl'] ?? '';
  if (typeof apiBaseUrl !== 'string') {
    throw new PortalConfigError('portal-config.json: "apiBaseUrl" must be a string');
  }
  const oidcScope = record['oidcScope'] ?? 'openid profile';
  if (typeof oidcScope !== 'string' || !oidcScope.split(/\s+/).includes('openid')) {
    throw new PortalConfigError('portal-config.json: "oidcScope" must be a string containing "openid"');
  }
  const berlinData = record['berlinData'] ?? null;
  if (berlinData !== null && typeof berlinData !== 'boolean') {
    throw new PortalConfigError('portal-config.json: "berlinData" must be true or false');
  }
  return {
    oidcIssuer: oidcIssuer.replace(/\/+$/, ''),
    oidcClientId: requiredString(record, 'oidcClientId'),
    apiBaseUrl: apiBaseUrl.replace(/\/+$/, ''),
    oidcScope,
    berlinData,
  };
}
