import type { IncomingMessage } from 'node:http';
import type { default as Provider, KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_PASSWORD, type DemoUser } from './demo-users';
import { renderLoginPage, renderMessagePage, escapeHtml } from './login-page';

// The development provider's login form (authorization code flow): the page, its POST with the
// failed-login throttle, abort, and the hand-back to oidc-provider.

export type LoginOutcome =
  | { readonly kind: 'ok'; readonly user: DemoUser }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number };

export type Login = (username: string, password: string, clientAddress: string) => Promise<LoginOutcome>;

export interface InteractionConfig {
  readonly mountPath: string;
  readonly login: Login;
  readonly users: readonly DemoUser[];
  readonly showDemoUsers: boolean;
}

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  // No scripts at all; form-action is left open on purpose: browsers apply it to the redirect
  // after the POST, which leads to the portal's (possibly other) origin.
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Login form of the authorization code flow, served inside the provider's own Koa app. */
export function interactionRoutes(provider: Provider, config: InteractionConfig) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<unknown>) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(ctx.path);
    if (!match) return next();
    const [, uid, action] = match;
    const formAction = `${config.mountPath}/interaction/${uid}/login`;
    const abortHref = `${config.mountPath}/interaction/${uid}/abort`;
    ctx.set(PAGE_HEADERS);

    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res);
    } catch {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = renderMessagePage('Anmeldung abgelaufen', [
        'Diese Anmeldeseite ist nicht mehr gültig. Bitte starten Sie die Anmeldung in der Anwendung erneut.',
      ]);
      return undefined;
    }
    if (details.uid !== uid) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = renderMessagePage('Anmeldung abgelaufen', ['Bitte starten Sie die Anmeldung erneut.']);
      return undefined;
    }
    const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : '';
    const client = clientId ? await provider.Client.find(clientId) : undefined;
    const page: LoginPage = (extra) =>
      renderLoginPage({
        action: formAction,
        abortHref,
        clientName: client?.clientName ?? clientId,
        demoUsers: config.showDemoUsers ? config.users : undefined,
        demoPassword: config.showDemoUsers ? DEMO_PASSWORD : undefined,
        ...extra,
      });

    if (action === 'abort' && ctx.method === 'GET') {
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, {
        error: 'access_denied',
        error_description: 'Anmeldung abgebrochen',
      });
      ctx.status = 303;
      ctx.redirect(returnTo);
      return undefined;
    }

    if (action === 'login' && ctx.method === 'POST') return submitLogin(ctx, provider, config, page);

    if (!action && ctx.method === 'GET') {
      if (details.prompt.name === 'login') {
        ctx.type = 'html';
        ctx.body = page({});
        return undefined;
      }
      // Only login is interactive; anything else (consent) is settled by loadExistingGrant,
      // so finishing the interaction without a result resumes the authorization.
      const returnTo = await provider.interactionResult(
        ctx.req,
        ctx.res,
        {},
        { mergeWithLastSubmission: true },
      );
      ctx.status = 303;
      ctx.redirect(returnTo);
      return undefined;
    }

    ctx.status = 405;
    ctx.type = 'html';
    ctx.body = renderMessagePage('Nicht erlaubt', [
      `${ctx.method} ${escapeHtml(ctx.path)} wird nicht unterstützt.`,
    ]);
    return undefined;
  };
}

type LoginPage = (extra: { username?: string; error?: string }) => string;

/** The login form's POST: checks the credentials (throttled) and finishes the interaction. */
async function submitLogin(
  ctx: KoaContextWithOIDC,
  provider: Provider,
  config: InteractionConfig,
  page: LoginPage,
): Promise<void> {
  const form = await readForm(ctx);
  const username = (form.get('username') ?? '').trim();
  const password = form.get('password') ?? '';
  if (!username || !password) {
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = page({ username, error: 'Bitte geben Sie Benutzername und Passwort ein.' });
    return;
  }
  const outcome = await config.login(username, password, ctx.ip);
  if (outcome.kind !== 'ok') {
    ctx.status = outcome.kind === 'throttled' ? 429 : 401;
    if (outcome.kind === 'throttled') ctx.set('Retry-After', String(outcome.retryAfterSeconds));
    ctx.type = 'html';
    ctx.body = page({
      username,
      error:
        outcome.kind === 'throttled'
          ? `Zu viele fehlgeschlagene Versuche. Bitte warten Sie ${outcome.retryAfterSeconds} Sekunden.`
          : 'Benutzername oder Passwort ist falsch.',
    });
    return;
  }
  const returnTo = await provider.interactionResult(
    ctx.req,
    ctx.res,
    { login: { accountId: outcome.user.id } },
    { mergeWithLastSubmission: false },
  );
  ctx.status = 303;
  ctx.redirect(returnTo);
  return;
}

const MAX_FORM_BYTES = 16 * 1024;

/** Reads an urlencoded form, whether or not a body parser upstream (Express, Nest) already did. */
async function readForm(ctx: KoaContextWithOIDC): Promise<URLSearchParams> {
  const parsed = (ctx.req as IncomingMessage & { body?: unknown }).body;
  if (!ctx.req.readable && parsed && typeof parsed === 'object') {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') params.set(key, value);
    return params;
  }
  if (!ctx.is('application/x-www-form-urlencoded')) return new URLSearchParams();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) ctx.throw(413, 'form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
