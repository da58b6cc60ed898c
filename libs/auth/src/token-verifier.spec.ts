import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { AuthError } from './auth.error';
import { startLocalTestIssuer, type LocalTestIssuer } from './testing/local-test-issuer';
import { fetchDiscovery, OidcTokenVerifier } from './token-verifier';

describe('OidcTokenVerifier against a real local issuer (discovery + JWKS over HTTP)', () => {
  let issuer: LocalTestIssuer;
  let verifier: OidcTokenVerifier;

  beforeAll(async () => {
    issuer = await startLocalTestIssuer();
    verifier = new OidcTokenVerifier({ issuer: issuer.issuer });
  });
  afterAll(() => issuer.close());

  it('accepts a valid token and maps it to a principal', async () => {
    const token = await issuer.sign({
      username: 'planer',
      roles: ['planner'],
      name: 'Paul Planer',
      sub: 'kc-42',
    });
    await expect(verifier.verify(token)).resolves.toEqual({
      subject: 'planer',
      tokenSubject: 'kc-42',
      tenantId: 'berlin-demo',
      roles: ['planner'],
      name: 'Paul Planer',
    });
  });

  it('accepts the audience inside a list (Keycloak adds "account")', async () => {
    const token = await issuer.sign({
      username: 'a',
      roles: ['viewer'],
      audience: ['account', 'quartier-api'],
    });
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'a' });
  });

  it('rejects another audience, and a token without audience from another client', async () => {
    const other = await issuer.sign({ username: 'a', roles: ['viewer'], audience: 'account' });
    await expect(verifier.verify(other)).rejects.toEqual(
      new AuthError('InvalidToken', 'token is not meant for this API (audience quartier-api missing)'),
    );
    const none = await issuer.sign({
      username: 'a',
      roles: ['viewer'],
      audience: null,
      azp: 'quartier-portal',
    });
    await expect(verifier.verify(none)).rejects.toMatchObject({ code: 'InvalidToken' });
  });

  it('accepts Keycloak’s azp case: no aud, azp = the API client', async () => {
    const token = await issuer.sign({
      username: 'svc',
      roles: ['analyst'],
      audience: null,
      azp: 'quartier-api',
    });
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'svc' });
  });

  it('accepts configured authorized parties when the audience mapper is missing', async () => {
    const lenient = new OidcTokenVerifier({ issuer: issuer.issuer, authorizedParties: ['quartier-portal'] });
    const token = await issuer.sign({
      username: 'p',
      roles: ['viewer'],
      audience: 'account',
      azp: 'quartier-portal',
    });
    await expect(lenient.verify(token)).resolves.toMatchObject({ subject: 'p' });
  });

  it('rejects an expired token, but tolerates small clock skew', async () => {
    const expired = await issuer.sign({ username: 'a', roles: ['viewer'], expiresIn: -120 });
    await expect(verifier.verify(expired)).rejects.toEqual(new AuthError('InvalidToken', 'token expired'));
    const justExpired = await issuer.sign({ username: 'a', roles: ['viewer'], expiresIn: -5 });
    await expect(verifier.verify(justExpired)).resolves.toMatchObject({ subject: 'a' });
    const strict = new OidcTokenVerifier({ issuer: issuer.issuer, clockToleranceSeconds: 0 });
    await expect(strict.verify(justExpired)).rejects.toMatchObject({
      code: 'InvalidToken',
      message: 'token expired',
    });
  });

  it('rejects a token issued in the future beyond the clock tolerance, and accepts one within it', async () => {
    const future = await issuer.sign({ username: 'a', roles: ['viewer'], issuedIn: 120, expiresIn: 600 });
    await expect(verifier.verify(future)).rejects.toEqual(
      new AuthError('InvalidToken', 'token claim "iat" rejected: issued in the future'),
    );
    const skewed = await issuer.sign({ username: 'a', roles: ['viewer'], issuedIn: 20 });
    await expect(verifier.verify(skewed)).resolves.toMatchObject({ subject: 'a' });
    const strict = new OidcTokenVerifier({ issuer: issuer.issuer, clockToleranceSeconds: 0 });
    await expect(strict.verify(skewed)).rejects.toMatchObject({ code: 'InvalidToken' });
    const farFuture = await issuer.sign({ username: 'a', roles: ['viewer'], issuedIn: 86_400 * 365 });
    await expect(verifier.verify(farFuture)).rejects.toMatchObject({ code: 'InvalidToken' });
  });

  it('rejects a token of another issuer even when signed with the right key', async () => {
    const token = await issuer.sign({ username: 'a', roles: ['viewer'], issuer: 'https://evil.example' });
    await expect(verifier.verify(token)).rejects.toEqual(
      new AuthError('InvalidToken', 'token claim "iss" rejected: check_failed'),
    );
  });

  it('rejects a forged signature and a tampered payload', async () => {
    const forged = await issuer.signWithForeignKey({ username: 'a', roles: ['platform-admin'] });
    await expect(verifier.verify(forged)).rejects.toEqual(
      new AuthError('InvalidToken', 'token signature is invalid'),
    );

    const [header, payload, signature] = (await issuer.sign({ username: 'a', roles: ['viewer'] })).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const escalated = Buffer.from(
      JSON.stringify({ ...claims, realm_access: { roles: ['platform-admin'] } }),
    ).toString('base64url');
    await expect(verifier.verify(`${header}.${escalated}.${signature}`)).rejects.toEqual(
      new AuthError('InvalidToken', 'token signature is invalid'),
    );
  });

  it('rejects an HMAC token that uses the public key as secret (algorithm confusion)', async () => {
    const token = await new SignJWT({ preferred_username: 'a', realm_access: { roles: ['platform-admin'] } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(issuer.issuer)
      .setAudience('quartier-api')
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'InvalidToken' });
  });

  it('rejects garbage and tokens without the claims Quartier needs', async () => {
    await expect(verifier.verify('not-a-jwt')).rejects.toMatchObject({ code: 'InvalidToken' });
    const noUsername = await issuer.sign({ username: '', roles: ['viewer'] });
    await expect(verifier.verify(noUsername)).rejects.toEqual(
      new AuthError('InvalidToken', 'token has no preferred_username claim'),
    );
  });
});

describe('OIDC discovery', () => {
  let server: Server;
  let base: string;
  let answer: { status: number; body: string };

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/quartier`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('requires the document to name exactly the configured issuer', async () => {
    answer = { status: 200, body: JSON.stringify({ issuer: `${base}/`, jwks_uri: `${base}/certs` }) };
    await expect(fetchDiscovery(base)).rejects.toMatchObject({
      code: 'IssuerUnavailable',
      message: expect.stringContaining(`names issuer ${base}/, expected ${base}`),
    });
  });

  it('reports HTTP errors and missing jwks_uri as issuer unavailable', async () => {
    answer = { status: 404, body: '{}' };
    await expect(fetchDiscovery(base)).rejects.toMatchObject({
      code: 'IssuerUnavailable',
      message: expect.stringContaining('HTTP 404'),
    });
    answer = { status: 200, body: JSON.stringify({ issuer: base }) };
    await expect(fetchDiscovery(base)).rejects.toMatchObject({
      message: expect.stringContaining('has no jwks_uri'),
    });
  });

  it('reports an unreachable issuer, and retries discovery on the next token instead of caching the failure', async () => {
    const unreachable = new OidcTokenVerifier({ issuer: 'http://127.0.0.1:9/oidc', timeoutMs: 1000 });
    await expect(unreachable.verify('a.b.c')).rejects.toMatchObject({ code: 'IssuerUnavailable' });

    const issuer = await startLocalTestIssuer();
    try {
      const verifier = new OidcTokenVerifier({ issuer: issuer.issuer });
      const token = await issuer.sign({ username: 'a', roles: ['viewer'] });
      issuer.setAvailable(false);
      await expect(verifier.verify(token)).rejects.toMatchObject({
        code: 'IssuerUnavailable',
        message: expect.stringContaining('answered HTTP 503'),
      });
      issuer.setAvailable(true);
      await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'a' });
    } finally {
      await issuer.close();
    }
  });
});
