import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  Account,
  Configuration,
  default as Provider,
  KoaContextWithOIDC,
  ResourceServer,
} from 'oidc-provider';
import { CLI_CLIENT_ID, PORTAL_CLIENT_ID } from '../password-grant';
import { DEFAULT_AUDIENCE } from '../token-verifier';
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-users';
import { renderLoginPage, renderMessagePage, escapeHtml } from './login-page';
import { LoginThrottle } from './login-throttle';
import { DevMemoryStore } from './memory-adapter';
import { loadOrCreateProviderKeys } from './signing-keys';

/**
 * RFC 8707 resource indicators must be absolute URIs, so the API is identified by a URN while
 * its tokens carry the plain audience `quartier-api`, the same value Keycloak's audience
 * mapper adds. Clients never need to send it: it is every request's default resource.
 */
export const API_RESOURCE_INDICATOR = 'urn:quartier:api';
export const API_AUDIENCE = DEFAULT_AUDIENCE;

const OIDC_SCOPES = ['openid', 'profile', 'offline_access'] as const;

export interface DevIdentityProviderOptions {
  /** Public issuer URL, e.g. `http://localhost:3000/oidc`; its path is where it is mounted. */
  readonly issuer: string;
  /** Exact redirect URIs of the portal (code flow). */
  readonly portalRedirectUris: readonly string[];
  /** Where the portal may send users after logout; default: the origins of the redirect URIs. */
  readonly postLogoutRedirectUris?: readonly string[];
  /** Accounts; default DEMO_USERS. */
  readonly users?: readonly DemoUser[];
  /** Directory for the signing keys (JWKS JSON) and cookie secrets; in memory when omitted. */
  readonly keyDirectory?: string;
  readonly accessTokenTtlSeconds?: number;
  /** List the demo accounts on the login page; default true when `users` is DEMO_USERS. */
  readonly showDemoUsers?: boolean;
  /** Trust X-Forwarded-* (when a TLS-terminating proxy sits in front). */
  readonly trustProxy?: boolean;
  /** Failed-login limiter, shared by the login form and the password grant. */
  readonly throttle?: LoginThrottle;
}

export interface DevIdentityProvider {
  readonly issuer: string;
  /** Path under which the handler must be mounted (the issuer's path), e.g. `/oidc`. */
  readonly mountPath: string;
  /** Node/Express request handler: `app.use(idp.mountPath, idp.handler)`. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The underlying oidc-provider instance (events, advanced configuration). */
  readonly provider: Provider;
}

/**
 * The built-in OpenID Provider of embedded mode and tests (oidc-provider, certified
 * implementation). It mirrors the Keycloak realm: same clients, same demo users, access tokens
 * as JWTs with `aud: quartier-api` and Keycloak's claim shape (`preferred_username`,
 * `realm_access.roles`, `tenant`, `name`), so services validate both the same way.
 *
 * Mount it where the issuer says, before any body parser if possible:
 * `app.use(idp.mountPath, idp.handler)`.
 */
export async function createDevIdentityProvider(
  options: DevIdentityProviderOptions,
): Promise<DevIdentityProvider> {
  // Loaded on demand: services import @quartier/auth for token checks only and should not
  // pay for the provider (and Koa) at startup.
  const { default: Provider, errors } = await import('oidc-provider');
  const issuerUrl = new URL(options.issuer);
  const mountPath = issuerUrl.pathname.replace(/\/$/, '');
  const users = options.users ?? DEMO_USERS;
  const showDemoUsers = options.showDemoUsers ?? users === DEMO_USERS;
  const usersById = new Map(users.map((user) => [user.id, user]));
  const usersByName = new Map(users.map((user) => [user.username, user]));
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 3600;
  const throttle = options.throttle ?? new LoginThrottle();
  const keys = await loadOrCreateProviderKeys(options.keyDirectory);
  const store = new DevMemoryStore();
  const allowedOrigins = new Set(options.portalRedirectUris.map((uri) => new URL(uri).origin));
  const postLogoutRedirectUris =
    options.postLogoutRedirectUris ?? [...allowedOrigins].map((origin) => `${origin}/`);

  const apiResourceServer: ResourceServer = {
    scope: 'openid profile',
    audience: API_AUDIENCE,
    accessTokenFormat: 'jwt',
    accessTokenTTL: accessTokenTtl,
    jwt: { sign: { alg: 'RS256' } },
  };

  const configuration: Configuration = {
    adapter: (model: string) => store.adapterFor(model),
    jwks: keys.jwks,
    cookies: { keys: keys.cookieKeys },
    clients: [
      {
        client_id: PORTAL_CLIENT_ID,
        client_name: 'Quartier',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...options.portalRedirectUris],
        post_logout_redirect_uris: postLogoutRedirectUris,
      },
      {
        client_id: CLI_CLIENT_ID,
        client_name: 'Quartier-Kommandozeile',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['password'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    // PKCE with S256 for every authorization request (public clients), as in the Keycloak realm.
    pkce: { required: () => true },
    scopes: [...OIDC_SCOPES],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'email', 'realm_access', 'tenant'],
    },
    findAccount: (_ctx, sub) => {
      const user = usersById.get(sub);
      return user ? accountOf(user) : undefined;
    },
    extraTokenClaims: (_ctx, token) => {
      if (!('accountId' in token) || typeof token.accountId !== 'string') return undefined;
      const user = usersById.get(token.accountId);
      return user ? { ...keycloakShapedClaims(user), azp: token.clientId } : undefined;
    },
    conformIdTokenClaims: false,
    // First-party clients only: no consent screen. Whatever the client asks for (within the
    // configured scopes) is granted, and the API is always the token's audience.
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      let grant = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (!grant || grant.accountId !== session.accountId) {
        grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      }
      grant.addOIDCScope(OIDC_SCOPES.join(' '));
      grant.addResourceScope(API_RESOURCE_INDICATOR, apiResourceServer.scope);
      await grant.save();
      return grant;
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, origin) => allowedOrigins.has(origin),
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 30 * 60,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      RefreshToken: 24 * 3600,
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE_INDICATOR,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator === API_RESOURCE_INDICATOR) return apiResourceServer;
          throw new errors.InvalidTarget(
            `unknown resource; this provider serves ${API_RESOURCE_INDICATOR} only`,
          );
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderMessagePage(
            'Abmelden',
            ['Möchten Sie sich von Quartier abmelden?'],
            `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Ja, abmelden</button>
<button type="submit" form="op.logoutForm" class="secondary-button">Nein, angemeldet bleiben</button>`,
          );
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = renderMessagePage('Abgemeldet', ['Sie wurden erfolgreich abgemeldet.']);
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderMessagePage('Anmeldung nicht möglich', [
        'Die Anfrage an den Anmeldedienst war ungültig oder ist abgelaufen.',
        `${out.error}${out.error_description ? `: ${out.error_description}` : ''}`,
      ]);
    },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.trustProxy ?? false;

  const login = async (username: string, password: string, clientAddress: string): Promise<LoginOutcome> => {
    const throttleKey = `${username.toLowerCase()}|${clientAddress}`;
    const retryAfterMs = throttle.retryAfterMs(throttleKey);
    if (retryAfterMs > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
    const user = usersByName.get(username);
    // Compare even for unknown users, so response time does not reveal which names exist.
    const matches = passwordMatches(password, user?.password ?? '\u0000unknown-user');
    if (!user || !matches) {
      throttle.recordFailure(throttleKey);
      return { kind: 'rejected' };
    }
    throttle.recordSuccess(throttleKey);
    return { kind: 'ok', user };
  };

  registerPasswordGrant(provider, errors, login, apiResourceServer);
  provider.use(interactionRoutes(provider, { mountPath, login, users, showDemoUsers }));

  return { issuer: options.issuer, mountPath, handler: provider.callback(), provider };
}

type LoginOutcome =
  | { readonly kind: 'ok'; readonly user: DemoUser }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number };

type OidcErrors = (typeof import('oidc-provider'))['errors'];

type Login = (username: string, password: string, clientAddress: string) => Promise<LoginOutcome>;

function keycloakShapedClaims(user: DemoUser): Record<string, unknown> {
  return {
    preferred_username: user.username,
    name: user.name,
    email: user.email,
    realm_access: { roles: [...user.roles] },
    ...(user.tenantId === null ? {} : { tenant: user.tenantId }),
  };
}

function accountOf(user: DemoUser): Account {
  return {
    accountId: user.id,
    claims: () => ({ sub: user.id, ...keycloakShapedClaims(user) }),
  };
}

function passwordMatches(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Mirrors Keycloak's "direct access grant" (OAuth 2.0 resource owner password credentials,
 * RFC 6749 §4.3) for the CLI client only: `quartier token --user admin` then works against
 * both providers with the same request.
 */
function registerPasswordGrant(
  provider: Provider,
  errors: OidcErrors,
  login: Login,
  apiResourceServer: ResourceServer,
): void {
  provider.registerGrantType(
    'password',
    async (ctx) => {
      const { username, password } = ctx.oidc.params;
      if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
        throw new errors.InvalidRequest('missing required parameter(s) (username, password)');
      }
      const outcome = await login(username, password, ctx.ip);
      if (outcome.kind === 'throttled') {
        ctx.set('Retry-After', String(outcome.retryAfterSeconds));
        throw new errors.InvalidGrant('too many failed logins; try again later');
      }
      if (outcome.kind === 'rejected') throw new errors.InvalidGrant('invalid user credentials');

      const requested =
        typeof ctx.oidc.params.scope === 'string' ? ctx.oidc.params.scope.split(' ') : ['openid'];
      const scope = requested.filter((s) => s === 'openid' || s === 'profile').join(' ') || undefined;
      // A grant per login, as in the code flow, so tokens can be revoked by grant.
      const grant = new ctx.oidc.provider.Grant({
        accountId: outcome.user.id,
        clientId: ctx.oidc.client.clientId,
      });
      if (scope) grant.addOIDCScope(scope);
      grant.addResourceScope(API_RESOURCE_INDICATOR, apiResourceServer.scope);
      const grantId = await grant.save();
      const token = new ctx.oidc.provider.AccessToken({
        accountId: outcome.user.id,
        client: ctx.oidc.client,
        grantId,
        gty: 'password',
        scope,
      });
      token.resourceServer = new ctx.oidc.provider.ResourceServer(API_RESOURCE_INDICATOR, apiResourceServer);
      ctx.oidc.entity('AccessToken', token);
      const accessToken = await token.save();
      ctx.body = {
        access_token: accessToken,
        token_type: token.tokenType,
        expires_in: token.expiration,
        scope,
      };
    },
    ['username', 'password', 'scope'],
  );
}

interface InteractionConfig {
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
function interactionRoutes(provider: Provider, config: InteractionConfig) {
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
    const page = (extra: { username?: string; error?: string }) =>
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

    if (action === 'login' && ctx.method === 'POST') {
      const form = await readForm(ctx);
      const username = (form.get('username') ?? '').trim();
      const password = form.get('password') ?? '';
      if (!username || !password) {
        ctx.status = 400;
        ctx.type = 'html';
        ctx.body = page({ username, error: 'Bitte geben Sie Benutzername und Passwort ein.' });
        return undefined;
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
        return undefined;
      }
      const returnTo = await provider.interactionResult(
        ctx.req,
        ctx.res,
        { login: { accountId: outcome.user.id } },
        { mergeWithLastSubmission: false },
      );
      ctx.status = 303;
      ctx.redirect(returnTo);
      return undefined;
    }

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
