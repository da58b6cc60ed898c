import type { ServiceTestApp } from '@quartier/service-kit';
import { startRegistryTestApp, type RegistryTestApp } from './testing/registry-test-app';

/** What every registry route shares: the token check, public health and docs, security headers. */
describe('registry HTTP surface (real OIDC tokens)', () => {
  let t: RegistryTestApp;
  const call = (...args: Parameters<ServiceTestApp['call']>) => t.call(...args);

  // No tenant is seeded: none of these answers depends on one.
  beforeAll(async () => {
    t = await startRegistryTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  it('answers 401 with a Bearer challenge without a token or with a forged one', async () => {
    const missing = await call('GET', '/api/registry/areas');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const forged = await fetch(`${t.url}/api/registry/areas`, {
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' },
    });
    expect(forged.status).toBe(401);
  });

  it('keeps health and docs public, with only registry routes in the registry document', async () => {
    expect((await call('GET', '/api/registry/health')).body).toEqual({
      status: 'ok',
      service: 'registry',
      checks: { database: 'ok' },
    });
    const docs = await call('GET', '/api/registry/docs-json');
    expect(docs.status).toBe(200);
    const paths = Object.keys(docs.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/registry/areas',
        '/api/registry/areas/{id}',
        '/api/registry/area-imports',
        '/api/registry/role-assignments',
      ]),
    );
    expect(paths.every((p) => p.startsWith('/api/registry/'))).toBe(true);
  });

  it('sets security headers', async () => {
    const res = await call('GET', '/api/registry/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-correlation-id')).toMatch(/.+/);
  });
});
