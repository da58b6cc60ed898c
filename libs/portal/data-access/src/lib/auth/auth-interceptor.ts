import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { PORTAL_CONFIG } from '../portal-config.token';
import { Auth } from './auth';

/**
 * Adds the bearer token to API calls — and only to them: the token must never leak to the
 * identity provider's endpoints or to any other origin.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const config = inject(PORTAL_CONFIG);
  const auth = inject(Auth);
  const router = inject(Router);
  const apiPrefix = `${config.apiBaseUrl}/api/`;
  if (!request.url.startsWith(apiPrefix)) return next(request);
  const token = auth.accessToken();
  const authorised = token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
  return next(authorised).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401) {
        void auth.sessionExpired(router.url);
      }
      return throwError(() => error);
    }),
  );
};
