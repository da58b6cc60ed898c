import { inject } from '@angular/core';
import { type CanActivateFn, type CanMatchFn, Router } from '@angular/router';
import type { Role } from '@quartier/contracts/browser';
import { Session } from '../session';
import { Auth } from './auth';

/** Protected routes: without a session, go to the provider's login and come back here. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(Auth);
  if (auth.isAuthenticated()) return true;
  await auth.login(state.url);
  return false;
};

/** Routes for some roles only (the API enforces the same; this spares a page of 403s). */
export function roleGuard(...roles: readonly Role[]): CanMatchFn {
  return async () => {
    // Without a session the parent's authGuard sends the user to the login first.
    if (!inject(Auth).isAuthenticated()) return true;
    const session = inject(Session);
    const router = inject(Router);
    const me = await session.load();
    if (me && me.roles.some((role) => roles.includes(role))) return true;
    return router.parseUrl('/forbidden');
  };
}
