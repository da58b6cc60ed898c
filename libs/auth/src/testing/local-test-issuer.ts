import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { Role } from '@quartier/contracts';

export interface TestTokenInput {
  readonly username: string;
  readonly roles: readonly Role[];
  readonly tenant?: string | null;
  readonly sub?: string;
  readonly name?: string;
  readonly audience?: string | string[] | null;
  readonly azp?: string;
  /** Seconds from now; negative for an already expired token. Default 300. */
  readonly expiresIn?: number;
  /** Seconds from now of `iat`; default -10 (issued just before). Positive: issued in the future. */
  readonly issuedIn?: number;
  /** Overrides `iss` (a token of another issuer signed with this key). */
  readonly issuer?: string;
  readonly extraClaims?: JWTPayload;
}

export interface LocalTestIssuer {
  readonly issuer: string;
  /** Signs a Keycloak-shaped access token with the issuer's published key. */
  sign(input: TestTokenInput): Promise<string>;
  /** Signs with a key the issuer does not publish (forged token). */
  signWithForeignKey(input: TestTokenInput): Promise<string>;
  /** While false, discovery and JWKS answer 503 (an identity provider that is down). */
  setAvailable(available: boolean): void;
  close(): Promise<void>;
}

/**
 * A real (tiny) OIDC issuer for tests of code that validates tokens: it serves discovery and
 * a JWKS over HTTP on an ephemeral port and signs tokens with its RS256 key. Services use it
 * to prove their denials (401/403/404) without the full dev provider.
 */
export async function startLocalTestIssuer(): Promise<LocalTestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256');
  const publicJwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  let issuer = '';
  let available = true;

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!available) {
      response.writeHead(503).end();
    } else if (path === '/.well-known/openid-configuration') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token` }));
    } else if (path === '/jwks') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signWith = (key: CryptoKey, keyId: string) => (input: TestTokenInput) => {
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = {
      preferred_username: input.username,
      realm_access: { roles: [...input.roles] },
      ...(input.tenant === null ? {} : { tenant: input.tenant ?? 'berlin-demo' }),
      ...(input.name ? { name: input.name } : {}),
      ...(input.azp ? { azp: input.azp } : {}),
      ...input.extraClaims,
    };
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: keyId, typ: 'JWT' })
      .setIssuer(input.issuer ?? issuer)
      .setSubject(input.sub ?? `sub-${input.username}`)
      .setIssuedAt(now + (input.issuedIn ?? -10))
      .setExpirationTime(now + (input.expiresIn ?? 300));
    const audience = input.audience === undefined ? 'quartier-api' : input.audience;
    if (audience !== null) jwt.setAudience(audience);
    return jwt.sign(key);
  };

  return {
    get issuer() {
      return issuer;
    },
    sign: signWith(privateKey, kid),
    signWithForeignKey: signWith(foreign.privateKey, kid),
    setAvailable: (value) => {
      available = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
