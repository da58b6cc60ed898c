import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { PORTAL_CONFIG } from '../portal-config.token';
import { safeReturnUrl } from './return-url';

interface LoginState {
  readonly returnUrl: string;
}

function isLoginState(value: unknown): value is LoginState {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)['returnUrl'] === 'string'
  );
}

export const CALLBACK_PATH = '/auth/callback';
const RELOGIN_KEY = 'quartier.relogin-at';
const RELOGIN_LOOP_WINDOW_MS = 60_000;

/**
 * OIDC authorization code flow with PKCE (oidc-client-ts). Tokens live in sessionStorage: they
 * survive a reload but not the browser session, and are never sent anywhere but the API.
 * There is no silent renew: the dev provider and Keycloak would need an iframe page or refresh
 * tokens for it; an expired session simply goes through the (single sign-on) login again.
 */
@Injectable({ providedIn: 'root' })
export class Auth {
  private readonly config = inject(PORTAL_CONFIG);
  private readonly document = inject(DOCUMENT);
  private readonly origin = this.document.location.origin;
  private readonly manager = new UserManager({
    authority: this.config.oidcIssuer,
    client_id: this.config.oidcClientId,
    redirect_uri: `${this.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${this.origin}/`,
    response_type: 'code',
    scope: this.config.oidcScope,
    automaticSilentRenew: false,
    userStore: new WebStorageStateStore({ store: this.document.defaultView?.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: this.document.defaultView?.sessionStorage }),
  });

  private readonly user = signal<User | null>(null);
  /**
   * Set once the app leaves for the provider's logout. Clearing the user makes the page's next
   * API calls go out without a token; their 401s, or a guard, must not start a login meanwhile:
   * with the provider's session still open, that login came straight back with a new code and
   * won the race against the logout page (seen in the browser tests under load).
   */
  private leaving = false;
  readonly isAuthenticated = computed(() => {
    const user = this.user();
    return user !== null && !user.expired;
  });
  /** Display name from the ID token; the registry's `/me` has the authoritative one. */
  readonly displayName = computed(() => {
    const profile = this.user()?.profile;
    return profile?.name ?? profile?.preferred_username ?? profile?.sub ?? null;
  });

  /** Restores a stored session (called once before the first navigation). */
  async restore(): Promise<void> {
    const user = await this.manager.getUser();
    if (user && user.expired) {
      await this.manager.removeUser();
      this.user.set(null);
      return;
    }
    this.user.set(user);
  }

  accessToken(): string | null {
    const user = this.user();
    if (!user || user.expired) return null;
    return user.access_token;
  }

  /** Leaves the app for the provider's login page; resolves only if the redirect fails. */
  async login(returnUrl: string): Promise<void> {
    if (this.leaving) return;
    const state: LoginState = { returnUrl: safeReturnUrl(returnUrl) };
    await this.manager.signinRedirect({ state });
  }

  /** Completes the code exchange on `/auth/callback`; returns where the user wanted to go. */
  async completeLogin(): Promise<string> {
    const user = await this.manager.signinRedirectCallback(this.document.location.href);
    this.user.set(user);
    return safeReturnUrl(isLoginState(user.state) ? user.state.returnUrl : '/');
  }

  /** Ends the session at the provider too, so the next login asks for the password again. */
  async logout(): Promise<void> {
    this.leaving = true;
    const user = this.user();
    await this.manager.removeUser();
    this.user.set(null);
    try {
      await this.manager.signoutRedirect({ id_token_hint: user?.id_token });
    } catch {
      // A provider without end_session_endpoint: the local session is gone, which is all we can do.
      this.document.location.assign('/');
    }
  }

  /**
   * The API said the token is no longer valid (expired or revoked): start over. If that already
   * happened moments ago, the API rejects even fresh tokens (e.g. a misconfigured audience);
   * redirecting again would loop forever through the provider's single sign-on, so the error
   * is left on screen instead.
   */
  async sessionExpired(returnUrl: string): Promise<boolean> {
    if (this.leaving) return false;
    const storage = this.document.defaultView?.sessionStorage;
    const last = Number(storage?.getItem(RELOGIN_KEY) ?? 0);
    if (Date.now() - last < RELOGIN_LOOP_WINDOW_MS) return false;
    storage?.setItem(RELOGIN_KEY, String(Date.now()));
    await this.manager.removeUser();
    this.user.set(null);
    await this.login(returnUrl);
    return true;
  }
}
