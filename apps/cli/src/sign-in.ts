import { CliError } from './cli-error';

export interface SignInOptions {
  /** The platform, whose own login provider is the default issuer (<url>/oidc). */
  url: string;
  issuer?: string;
  user: string;
  password?: string;
}

/**
 * A bearer token by the CLI client's password grant, as `token` prints it and `report` uses it:
 * the issuer is --issuer, $OIDC_ISSUER or the platform's own; the password --password,
 * $QUARTIER_PASSWORD or the demo users' one. A refused sign-in names `command` and the issuer.
 */
export async function signIn(command: string, options: SignInOptions): Promise<string> {
  // Loaded on use: the other commands start without the auth library.
  const { requestPasswordGrant, DEMO_PASSWORD, AuthError } = await import('@quartier/auth');
  const issuer = options.issuer ?? process.env['OIDC_ISSUER'] ?? `${options.url.replace(/\/$/, '')}/oidc`;
  try {
    const token = await requestPasswordGrant({
      issuer,
      username: options.user,
      password: options.password ?? process.env['QUARTIER_PASSWORD'] ?? DEMO_PASSWORD,
    });
    return token.access_token;
  } catch (error) {
    if (error instanceof AuthError) throw new CliError(`${command}: ${error.message} (issuer ${issuer})`, 1);
    throw error;
  }
}
