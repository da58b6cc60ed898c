import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWK } from 'jose';
import { AuthError } from '../auth.error';
import { requestPasswordGrant } from '../password-grant';
import { CookieClient, locationOf } from '../testing/http-client';
import { OidcTokenVerifier } from '../token-verifier';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { createDevIdentityProvider, type DevIdentityProvider } from './dev-identity-provider';

const base64url = (buffer: Buffer) => buffer.toString('base64url');

describe('dev identity provider (real oidc-provider under express, real HTTP)', () => {
  let server: Server;
  let origin: string;
  let issuer: string;
  let redirectUri: string;
  let keyDirectory: string;
  let idp: DevIdentityProvider;
  let verifier: OidcTokenVerifier;
  const app = express();

  beforeAll(async () => {
    keyDirectory = mkdtempSync(join(tmpdir(), 'quartier-oidc-'));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    issuer = `${origin}/oidc`;
    redirectUri = `${origin}/portal/callback`;
    // Express parses bodies before the provider, as Nest does: the provider must cope.
    app.use(express.urlencoded({ extended: false }));
    idp = await createDevIdentityProvider({ issuer, portalRedirectUris: [redirectUri], keyDirectory });
    app.use(idp.mountPath, idp.handler);
    verifier = new OidcTokenVerifier({ issuer });
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(keyDirectory, { recursive: true, force: true });
  });

  function pkce() {
    const verifierValue = base64url(randomBytes(32));
    return {
      verifier: verifierValue,
      challenge: base64url(createHash('sha256').update(verifierValue).digest()),
    };
  }

  function authorizeUrl(challenge: string | undefined, state: string) {
    const url = new URL(`${issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: 'quartier-portal',
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'openid profile',
      state,
      nonce: 'n-0S6_WzA2Mj',
      ...(challenge ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
    }).toString();
    return url.toString();
  }

  /** Runs authorize → login form → resume → callback; returns the callback URL. */
  async function codeFlow(browser: CookieClient, username: string, password: string, challenge: string) {
    const authorize = await browser.request(authorizeUrl(challenge, 'state-123'));
    expect(authorize.status).toBe(303);
    const interaction = locationOf(authorize, origin);
    expect(interaction.pathname).toMatch(/^\/oidc\/interaction\/[\w-]+$/);

    const loginPage = await browser.request(interaction.toString());
    expect(loginPage.status).toBe(200);
    const html = await loginPage.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<label for="username">Benutzername</label>');
    expect(html).toContain('<label for="password">Passwort</label>');
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;
    expect(action).toBe(`${interaction.pathname}/login`);

    const login = await browser.postForm(`${origin}${action}`, { username, password });
    if (login.status !== 303) return { login, callback: undefined };
    const resume = await browser.request(locationOf(login, origin).toString());
    expect(resume.status).toBe(303);
    return { login, callback: locationOf(resume, origin) };
  }

  async function exchangeCode(code: string, codeVerifier: string) {
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'quartier-portal',
        code,
        redirect_uri: redirectUri,
        code_verifier: codeVerifier,
      }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('publishes discovery with the password grant, S256 PKCE and the JWKS', async () => {
    const doc = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(doc['issuer']).toBe(issuer);
    expect(doc['token_endpoint']).toBe(`${issuer}/token`);
    expect(doc['jwks_uri']).toBe(`${issuer}/jwks`);
    expect(doc['grant_types_supported']).toEqual(
      expect.arrayContaining(['authorization_code', 'password', 'refresh_token']),
    );
    expect(doc['code_challenge_methods_supported']).toEqual(['S256']);
  });

  it('runs the authorization code flow with PKCE and issues a JWT for quartier-api with Keycloak-shaped claims', async () => {
    const browser = new CookieClient();
    const { verifier: codeVerifier, challenge } = pkce();
    const { callback } = await codeFlow(browser, 'planer', DEMO_PASSWORD, challenge);
    expect(`${callback!.origin}${callback!.pathname}`).toBe(redirectUri);
    expect(callback!.searchParams.get('state')).toBe('state-123');
    expect(callback!.searchParams.get('iss')).toBe(issuer);
    const code = callback!.searchParams.get('code')!;

    const { status, body } = await exchangeCode(code, codeVerifier);
    expect(status).toBe(200);
    expect(body['token_type']).toBe('Bearer');
    expect(body['expires_in']).toBe(3600);
    expect(typeof body['id_token']).toBe('string');
    expect(typeof body['refresh_token']).toBe('string');

    const accessToken = body['access_token'] as string;
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const claims = decodeJwt(accessToken);
    const planer = DEMO_USERS.find((u) => u.username === 'planer')!;
    expect(claims).toMatchObject({
      iss: issuer,
      aud: 'quartier-api',
      sub: planer.id,
      azp: 'quartier-portal',
      client_id: 'quartier-portal',
      preferred_username: 'planer',
      name: 'Paul Planer',
      tenant: 'berlin-demo',
      realm_access: { roles: ['planner'] },
    });

    await expect(verifier.verify(accessToken)).resolves.toEqual({
      subject: 'planer',
      tokenSubject: planer.id,
      tenantId: 'berlin-demo',
      roles: ['planner'],
      name: 'Paul Planer',
    });

    // The code is single-use.
    const replay = await exchangeCode(code, codeVerifier);
    expect(replay.status).toBe(400);
    expect(replay.body['error']).toBe('invalid_grant');
  });

  it('refuses the code exchange with the wrong PKCE verifier', async () => {
    const browser = new CookieClient();
    const { challenge } = pkce();
    const { callback } = await codeFlow(browser, 'viewer', DEMO_PASSWORD, challenge);
    const { status, body } = await exchangeCode(callback!.searchParams.get('code')!, pkce().verifier);
    expect(status).toBe(400);
    expect(body['error']).toBe('invalid_grant');
  });

  it('refuses an authorization request without PKCE', async () => {
    const response = await new CookieClient().request(authorizeUrl(undefined, 'no-pkce'));
    expect(response.status).toBe(303);
    const callback = locationOf(response, origin);
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('error_description')).toBe(
      'Authorization Server policy requires PKCE to be used for this request',
    );
  });

  it('refuses an unregistered redirect URI with a German error page instead of redirecting', async () => {
    const url = new URL(authorizeUrl(pkce().challenge, 's'));
    url.searchParams.set('redirect_uri', 'https://evil.example/callback');
    const response = await new CookieClient().request(url.toString());
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Anmeldung nicht möglich');
    expect(html).toContain('redirect_uri');
  });

  it('re-renders the login form with an announced error for a wrong password', async () => {
    const browser = new CookieClient();
    const { login } = await codeFlow(browser, 'planer', 'falsch', pkce().challenge);
    expect(login.status).toBe(401);
    const html = await login.text();
    expect(html).toContain(
      '<p id="login-error" class="error" role="alert">Benutzername oder Passwort ist falsch.</p>',
    );
    expect(html).toContain('value="planer"');
    expect(html).toContain('aria-invalid="true" aria-describedby="login-error"');
  });

  it('returns access_denied to the portal when the user aborts the login', async () => {
    const browser = new CookieClient();
    const authorize = await browser.request(authorizeUrl(pkce().challenge, 'abort-state'));
    const interaction = locationOf(authorize, origin);
    const abort = await browser.request(`${interaction.toString()}/abort`);
    expect(abort.status).toBe(303);
    const resume = await browser.request(locationOf(abort, origin).toString());
    const callback = locationOf(resume, origin);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('abort-state');
  });

  it('issues a JWT of the same shape through the password grant of quartier-cli', async () => {
    const response = await requestPasswordGrant({ issuer, username: 'admin', password: DEMO_PASSWORD });
    expect(response.token_type).toBe('Bearer');
    expect(decodeJwt(response.access_token)).toMatchObject({
      aud: 'quartier-api',
      azp: 'quartier-cli',
      tenant: 'berlin-demo',
    });
    await expect(verifier.verify(response.access_token)).resolves.toMatchObject({
      subject: 'admin',
      tenantId: 'berlin-demo',
      roles: ['tenant-admin'],
    });

    const platform = await requestPasswordGrant({ issuer, username: 'platform', password: DEMO_PASSWORD });
    await expect(verifier.verify(platform.access_token)).resolves.toMatchObject({
      subject: 'platform',
      tenantId: null,
      roles: ['platform-admin'],
    });
    const second = await requestPasswordGrant({
      issuer,
      username: 'musterstadt-admin',
      password: DEMO_PASSWORD,
    });
    await expect(verifier.verify(second.access_token)).resolves.toMatchObject({ tenantId: 'musterstadt' });
  });

  it('refuses the password grant for a wrong password, an unknown user and the portal client', async () => {
    await expect(requestPasswordGrant({ issuer, username: 'admin', password: 'wrong' })).rejects.toThrow(
      /login as admin refused \(HTTP 400, invalid_grant/,
    );
    await expect(
      requestPasswordGrant({ issuer, username: 'nobody', password: DEMO_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'Unauthenticated',
    });
    await expect(
      requestPasswordGrant({
        issuer,
        username: 'admin',
        password: DEMO_PASSWORD,
        clientId: 'quartier-portal',
      }),
    ).rejects.toThrow(/HTTP 400, (invalid_request|unauthorized_client)/);
  });

  it('rejects a valid token at an API expecting another audience', async () => {
    const { access_token } = await requestPasswordGrant({
      issuer,
      username: 'viewer',
      password: DEMO_PASSWORD,
    });
    const other = new OidcTokenVerifier({ issuer, audience: 'reporting-api' });
    await expect(other.verify(access_token)).rejects.toMatchObject({
      code: 'InvalidToken',
      message: expect.stringMatching(/audience/),
    });
  });

  it('rejects a tampered signature and a tampered payload', async () => {
    const { access_token } = await requestPasswordGrant({
      issuer,
      username: 'viewer',
      password: DEMO_PASSWORD,
    });
    const [header, payload, signature] = access_token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    await expect(verifier.verify(`${header}.${payload}.${flipped}`)).rejects.toMatchObject({
      code: 'InvalidToken',
    });

    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const escalated = Buffer.from(
      JSON.stringify({ ...claims, realm_access: { roles: ['platform-admin'] } }),
    ).toString('base64url');
    await expect(verifier.verify(`${header}.${escalated}.${signature}`)).rejects.toMatchObject({
      code: 'InvalidToken',
      message: 'token signature is invalid',
    });
  });

  it('rejects an expired token signed with the issuer key (persisted JWKS)', async () => {
    const jwks = JSON.parse(readFileSync(join(keyDirectory, 'jwks.json'), 'utf8')) as { keys: JWK[] };
    const jwk = jwks.keys[0]!;
    const key = await importJWK(jwk, 'RS256');
    const now = Math.floor(Date.now() / 1000);
    const sign = (exp: number) =>
      new SignJWT({
        preferred_username: 'admin',
        tenant: 'berlin-demo',
        realm_access: { roles: ['tenant-admin'] },
      })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
        .setIssuer(issuer)
        .setAudience('quartier-api')
        .setSubject(DEMO_USERS[0]!.id)
        .setIssuedAt(now - 7200)
        .setExpirationTime(exp)
        .sign(key);
    // Control: the same construction with a future expiry is accepted, so the key is the issuer's.
    await expect(verifier.verify(await sign(now + 600))).resolves.toMatchObject({ subject: 'admin' });
    const expired = await sign(now - 3600);
    await expect(verifier.verify(expired)).rejects.toEqual(new AuthError('InvalidToken', 'token expired'));
  });

  it('keeps its signing keys across restarts, so earlier tokens stay valid', async () => {
    const { access_token } = await requestPasswordGrant({
      issuer,
      username: 'analyst',
      password: DEMO_PASSWORD,
    });
    const restarted = await createDevIdentityProvider({
      issuer,
      portalRedirectUris: [redirectUri],
      keyDirectory,
    });
    const restartedApp = express().use(restarted.mountPath, restarted.handler);
    const restartedServer = createServer(restartedApp);
    await new Promise<void>((resolve) => restartedServer.listen(0, '127.0.0.1', resolve));
    try {
      const port = (restartedServer.address() as AddressInfo).port;
      const jwks = (await (await fetch(`http://127.0.0.1:${port}/oidc/jwks`)).json()) as { keys: JWK[] };
      expect(jwks.keys.map((k) => k.kid)).toEqual([decodeProtectedHeader(access_token).kid]);
      expect(jwks.keys[0]).not.toHaveProperty('d');
    } finally {
      await new Promise<void>((resolve) => restartedServer.close(() => resolve()));
    }
  });
});
