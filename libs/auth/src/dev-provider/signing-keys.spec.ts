import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COOKIE_KEYS_FILE, JWKS_FILE, loadOrCreateProviderKeys } from './signing-keys';

describe('loadOrCreateProviderKeys', () => {
  let directory: string;
  beforeEach(() => {
    directory = join(mkdtempSync(join(tmpdir(), 'quartier-keys-')), 'oidc');
  });
  afterEach(() => rmSync(join(directory, '..'), { recursive: true, force: true }));

  it('creates an RS256 signing key and a cookie secret once, private to the owner, and reuses them', async () => {
    const first = await loadOrCreateProviderKeys(directory);
    expect(first.jwks.keys).toHaveLength(1);
    expect(first.jwks.keys[0]).toMatchObject({
      kty: 'RSA',
      alg: 'RS256',
      use: 'sig',
      kid: expect.any(String),
      d: expect.any(String),
    });
    expect(first.cookieKeys[0]).toMatch(/^[\w-]{43}$/);
    expect(statSync(join(directory, JWKS_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(directory, COOKIE_KEYS_FILE)).mode & 0o777).toBe(0o600);

    const second = await loadOrCreateProviderKeys(directory);
    expect(second).toEqual(first);
    expect(JSON.parse(readFileSync(join(directory, JWKS_FILE), 'utf8'))).toEqual(first.jwks);
  });

  it('refuses a damaged key file instead of silently invalidating all tokens', async () => {
    await loadOrCreateProviderKeys(directory);
    writeFileSync(join(directory, JWKS_FILE), '{"keys": [');
    await expect(loadOrCreateProviderKeys(directory)).rejects.toThrow(
      /jwks\.json is not valid JSON; delete it to generate new keys/,
    );
    writeFileSync(join(directory, JWKS_FILE), '{"keys": [{"kty": "RSA", "n": "x", "e": "AQAB"}]}');
    await expect(loadOrCreateProviderKeys(directory)).rejects.toThrow(
      /must be a JWKS with private signing keys/,
    );
  });

  it('keeps keys in memory only without a directory', async () => {
    const a = await loadOrCreateProviderKeys();
    const b = await loadOrCreateProviderKeys();
    expect(a.jwks.keys[0]!.kid).not.toBe(b.jwks.keys[0]!.kid);
  });
});
