import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AuthError, httpStatusOf } from '../auth.error';
import { toHttpException, wwwAuthenticateFor } from './auth-http';

/**
 * Maps AuthError thrown by services (e.g. `assertCanAct` after loading an entity whose area is
 * only known then) to the same HTTP answers the guard gives.
 */
@Catch(AuthError)
export class AuthErrorFilter implements ExceptionFilter<AuthError> {
  catch(error: AuthError, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const response = host.switchToHttp().getResponse<Response>();
    const header = wwwAuthenticateFor(error);
    if (header) response.setHeader('WWW-Authenticate', header);
    response.status(httpStatusOf(error.code)).json(toHttpException(error).getResponse());
  }
}
