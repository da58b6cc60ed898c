import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { signIn } from '../sign-in';

/**
 * Where the running platform is, as it was started: QUARTIER_URL if given, else its public
 * origin (QUARTIER_PUBLIC_URL, which is also where its login provider lives), else
 * http://localhost:PORT — the platform's own defaults, so `PORT=4000 npm start` and
 * `PORT=4000 npm run quartier -- token` agree.
 */
export function defaultPlatformUrl(env: Readonly<Record<string, string | undefined>>): string {
  const url =
    env['QUARTIER_URL'] || env['QUARTIER_PUBLIC_URL'] || `http://localhost:${env['PORT'] || '3000'}`;
  return url.replace(/\/$/, '');
}

/**
 * The options of a command that signs in to a running platform (`token`, `report …`): its URL
 * (default as `defaultPlatformUrl`), the issuer and the password, as `signIn` reads them.
 */
export function signInOptions(command: Command): Command {
  return command
    .option('--password <password>', 'password (default: $QUARTIER_PASSWORD or the demo password)')
    .option(
      '--url <url>',
      'platform URL (default: $QUARTIER_URL, $QUARTIER_PUBLIC_URL or http://localhost:$PORT)',
      defaultPlatformUrl(process.env),
    )
    .option('--issuer <url>', 'OIDC issuer (default: $OIDC_ISSUER or <url>/oidc)');
}

/** Commands that talk to a platform: a running one (token) or its database (migrate, seed). */
export function registerPlatformCommands(program: Command): void {
  signInOptions(
    program
      .command('token')
      .description(
        'Print a bearer token for a user (dev provider of a running embedded platform, or Keycloak direct grant)',
      )
      .requiredOption('--user <name>', 'username, e.g. admin, planer, analyst, viewer'),
  ).action(async (options: { user: string; password?: string; url: string; issuer?: string }) => {
    process.stdout.write(`${await signIn('token', options)}\n`);
  });

  for (const [name, description] of [
    [
      'migrate',
      'Apply every service schema migration to DATABASE_URL (or the embedded database in QUARTIER_DATA_DIR) and exit',
    ],
    ['seed', 'Apply migrations and seed the demo tenants (idempotent), then exit'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .action(() => {
        const entry = join(__dirname, '../../../platform/src/main.js');
        if (!existsSync(entry))
          throw new CliError(`${name}: the platform is not built (run npm run build)`, 1);
        const result = spawnSync(process.execPath, [entry, name], { stdio: 'inherit', env: process.env });
        if (result.status !== 0)
          throw new CliError(`${name} failed (exit ${result.status ?? result.signal})`, 1);
      });
  }
}
