// HTTP against the running platform: real bearer tokens from its login provider (the password
// grant, as `quartier token` does), bounded requests, and the ids the demo data already has.
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Tokens of the demo users through the compiled auth library (the same code as `quartier token`),
 * keyed by the name the requests use for them (`{ admin: 'musterstadt-admin' }` signs in as
 * Musterstadt's admin and sends its token wherever a request says `admin`).
 */
export async function demoTokens(root, baseUrl, users) {
  const require = createRequire(import.meta.url);
  const { requestPasswordGrant, DEMO_PASSWORD } = require(join(root, 'dist/server/libs/auth/src/index.js'));
  const tokens = {};
  for (const [key, username] of Object.entries(users)) {
    const grant = await requestPasswordGrant({
      issuer: `${baseUrl}/oidc`,
      username,
      password: DEMO_PASSWORD,
    });
    tokens[key] = grant.access_token;
  }
  return tokens;
}

/**
 * One request; never throws: transport failures (reset, timeout) come back as `error`.
 * @returns {Promise<{ status: number | null, text: string, error?: string, ms: number }>}
 */
export async function send(baseUrl, tokens, request, timeoutMs = 30_000) {
  const first = await sendOnce(baseUrl, tokens, request, timeoutMs);
  // A kept-alive socket the server closed just as it was reused ("other side closed") says
  // nothing about the request: it is sent once more, and only a second failure counts.
  if (first.status !== null || !/UND_ERR_SOCKET|ECONNRESET|EPIPE/.test(first.error ?? '')) return first;
  await new Promise((resolve) => setTimeout(resolve, 200));
  const second = await sendOnce(baseUrl, tokens, request, timeoutMs);
  return second.status === null ? { ...second, error: `${second.error} (twice)` } : second;
}

async function sendOnce(baseUrl, tokens, request, timeoutMs) {
  const headers = { ...(request.headers ?? {}) };
  if (request.user) headers.authorization = `Bearer ${tokens[request.user]}`;
  if (request.contentType) headers['content-type'] = request.contentType;
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method.toUpperCase(),
      headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - started };
  } catch (error) {
    const cause = error.cause ? ` (${error.cause.code ?? error.cause.message})` : '';
    return {
      status: null,
      text: '',
      error: `${error.name}: ${error.message}${cause}`,
      ms: performance.now() - started,
    };
  }
}

function idsIn(body) {
  const items = Array.isArray(body) ? body : Array.isArray(body?.items) ? body.items : [];
  return items.map((item) => item?.id).filter((id) => typeof id === 'string');
}

/**
 * Ids below each concrete collection path (`/api/survey/surveys` → survey ids,
 * `/api/survey/surveys/<id>/waves` → that survey's wave ids), found by reading the lists the
 * documents offer, two levels deep.
 */
export async function harvestIds(baseUrl, tokens, user, getTemplates) {
  const harvested = new Map();
  for (let level = 0; level < 3; level++) {
    for (const template of getTemplates) {
      const params = template.match(/\{[^}]+\}/g) ?? [];
      if (params.length !== level || !/\}$|[a-z]$/.test(template)) continue;
      for (const concrete of concretePaths(template, harvested)) {
        if (harvested.has(concrete)) continue;
        const reply = await send(baseUrl, tokens, { method: 'get', path: concrete, user }, 10_000);
        if (reply.status !== 200) continue;
        let body;
        try {
          body = JSON.parse(reply.text);
        } catch {
          continue;
        }
        const ids = idsIn(body).slice(0, 5);
        if (ids.length > 0) harvested.set(concrete, ids);
        // A detail (`/networks/<id>`) lists its parts inline (`waves: [...]`): those ids too.
        if (body && typeof body === 'object' && !Array.isArray(body))
          for (const [key, value] of Object.entries(body)) {
            const nested = Array.isArray(value) ? idsIn(value).slice(0, 5) : [];
            if (nested.length > 0 && !harvested.has(`${concrete}/${key}`))
              harvested.set(`${concrete}/${key}`, nested);
          }
      }
    }
  }
  return harvested;
}

/** Concrete paths for a template whose parameters each have harvested ids (at most 3 per level). */
function concretePaths(template, harvested) {
  let prefixes = [''];
  for (const segment of template.split('/').slice(1)) {
    if (!segment.startsWith('{')) {
      prefixes = prefixes.map((p) => `${p}/${segment}`);
      continue;
    }
    prefixes = prefixes.flatMap((p) => (harvested.get(p) ?? []).slice(0, 3).map((id) => `${p}/${id}`));
  }
  return prefixes;
}
