import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Account, Configuration, default as Provider, ResourceServer } from 'oidc-provider';
import { CLI_CLIENT_ID, PORTAL_CLIENT_ID } from '../password-grant';
import { DEFAULT_AUDIENCE } from '../token-verifier';
import { DEMO_USERS, type DemoUser } from './demo-users';
import { interactionRoutes, type Login, type LoginOutcome } from './interaction-routes';
import { renderMessagePage } from './login-page';
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
    clients: clientsOf(options.portalRedirectUris, postLogoutRedirectUris),
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
    loadExistingGrant: grantEverything(apiResourceServer),
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
      rpInitiatedLogout: LOGOUT_PAGES,
    },
    renderError,
  };

  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.trustProxy ?? false;

  const login = loginWith(usersByName, throttle);

  registerPasswordGrant(provider, errors, login, apiResourceServer);
  provider.use(interactionRoutes(provider, { mountPath, login, users, showDemoUsers }));

  return { issuer: options.issuer, mountPath, handler: provider.callback(), provider };
}

type OidcErrors = (typeof import('oidc-provider'))['errors'];

/**
 * First-party clients only: no consent screen. Whatever the client asks for (within the
 * configured scopes) is granted, and the API is always the token's audience.
 */
function grantEverything(apiResourceServer: ResourceServer): Configuration['loadExistingGrant'] {
  return async (ctx) => {
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
  };
}

function clientsOf(
  portalRedirectUris: readonly string[],
  postLogoutRedirectUris: readonly string[],
): Configuration['clients'] {
  return [
    {
      client_id: PORTAL_CLIENT_ID,
      client_name: 'Quartier',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [...portalRedirectUris],
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
  ];
}

/** Logout confirmation and its result, in German like the login page. */
const LOGOUT_PAGES: NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']> = {
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
};

const renderError: Configuration['renderError'] = (ctx, out) => {
  ctx.type = 'html';
  ctx.body = renderMessagePage('Anmeldung nicht möglich', [
    'Die Anfrage an den Anmeldedienst war ungültig oder ist abgelaufen.',
    `${out.error}${out.error_description ? `: ${out.error_description}` : ''}`,
  ]);
};

/** Checks a user's password, throttling failures per user name and client address. */
function loginWith(usersByName: ReadonlyMap<string, DemoUser>, throttle: LoginThrottle): Login {
  return async (username: string, password: string, clientAddress: string): Promise<LoginOutcome> => {
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
}

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
