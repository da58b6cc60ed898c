import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface ProviderKeys {
  /** Private signing keys (JWKS); the provider publishes their public halves. */
  readonly jwks: { readonly keys: JWK[] };
  /** Secrets that sign the provider's session and interaction cookies. */
  readonly cookieKeys: string[];
}

export const JWKS_FILE = 'jwks.json';
export const COOKIE_KEYS_FILE = 'cookie-keys.json';

/**
 * Loads the dev provider's keys from `directory`, creating them on first use. Persisting them
 * is what lets tokens and login sessions survive a restart of the embedded platform; the files
 * are private keys, written with mode 0600. Without a directory the keys live in memory only
 * (tests).
 */
export async function loadOrCreateProviderKeys(directory?: string): Promise<ProviderKeys> {
  if (directory === undefined) {
    return { jwks: { keys: [await generateSigningKey()] }, cookieKeys: [generateCookieKey()] };
  }
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const jwksPath = join(directory, JWKS_FILE);
  const cookiePath = join(directory, COOKIE_KEYS_FILE);

  let keys = await readJson(jwksPath, parseJwks);
  if (!keys) {
    keys = [await generateSigningKey()];
    await writePrivateJson(jwksPath, { keys });
  }
  let cookieKeys = await readJson(cookiePath, parseCookieKeys);
  if (!cookieKeys) {
    cookieKeys = [generateCookieKey()];
    await writePrivateJson(cookiePath, cookieKeys);
  }
  return { jwks: { keys }, cookieKeys };
}

async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

function generateCookieKey(): string {
  return randomBytes(32).toString('base64url');
}

async function readJson<T>(path: string, parse: (value: unknown, path: string) => T): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Regenerating silently would invalidate every issued token; make the operator decide.
    throw new Error(`${path} is not valid JSON; delete it to generate new keys`);
  }
  return parse(value, path);
}

function parseJwks(value: unknown, path: string): JWK[] {
  const keys = typeof value === 'object' && value !== null && 'keys' in value ? value.keys : undefined;
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    !keys.every((k) => typeof k === 'object' && k && 'kty' in k && 'd' in k)
  ) {
    throw new Error(`${path} must be a JWKS with private signing keys; delete it to generate new keys`);
  }
  return keys as JWK[];
}

function parseCookieKeys(value: unknown, path: string): string[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((k) => typeof k === 'string' && k.length >= 16)
  ) {
    throw new Error(`${path} must be a JSON array of secrets; delete it to generate new ones`);
  }
  return value as string[];
}

async function writePrivateJson(path: string, value: unknown): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
