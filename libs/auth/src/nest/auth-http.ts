import { HttpException } from '@nestjs/common';
import { AuthError, httpStatusOf } from '../auth.error';
import { WWW_AUTHENTICATE_REALM } from './auth.constants';

const REASON_PHRASE: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
};

/** The one place where an AuthError becomes an HTTP answer. */
export function toHttpException(error: AuthError): HttpException {
  const status = httpStatusOf(error.code);
  return new HttpException(
    { statusCode: status, error: REASON_PHRASE[status] ?? 'Error', code: error.code, message: error.message },
    status,
    { cause: error },
  );
}

/**
 * RFC 6750 §3: every 401 names the scheme; an unacceptable token adds `error="invalid_token"`
 * so clients know to fetch a new one rather than retry.
 */
export function wwwAuthenticateFor(error: AuthError): string | undefined {
  if (error.code === 'Unauthenticated') return `Bearer realm="${WWW_AUTHENTICATE_REALM}"`;
  if (error.code === 'InvalidToken') {
    const description = error.message.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?');
    return `Bearer realm="${WWW_AUTHENTICATE_REALM}", error="invalid_token", error_description="${description}"`;
  }
  return undefined;
}
