import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createDevIdentityProvider, DEMO_PASSWORD, PORTAL_CLIENT_ID } from '@quartier/auth';
import { parseBrokers } from '@quartier/messaging';
import { createLogger } from '@quartier/observability';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@quartier/persistence';
import {
  ADD_BERLIN_HINT,
  BERLIN_DEMO_FILES,
  referenceDataDir,
  referenceDataWith,
  repositoryRoot,
} from '@quartier/reference-data';
import {
  configureHttp,
  keepServingOnStrayRejections,
  PinoNestLogger,
  ShiftedClock,
  SystemClock,
  type DemoSeedContext,
  type RuntimeConfig,
} from '@quartier/service-kit';
import { PLATFORM_SERVICES } from '@quartier/platform-services';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from './demo-seeding';
import { loadPlatformConfig } from './platform-config';
import { PLATFORM_DOCS, PlatformModule, STREAMED_BODY_PATHS } from './platform.module';
import { hostPortal } from './portal-hosting';

/**
 * One platform per data directory: a second one would start a second PostgreSQL on the same
 * cluster. The lock names the holder's pid; a lock left by a killed process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(dataDir, 'platform.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive)
      throw new Error(
        `another Quartier platform (pid ${pid}) is running with data directory ${dataDir}; stop it or set QUARTIER_DATA_DIR`,
      );
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

/** This process as its own services reach it: a wildcard address is reached on loopback. */
function ownUrl(host: string, port: number): string {
  const address = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

async function main(mode: 'serve' | 'migrate' | 'seed'): Promise<void> {
  const started = Date.now();
  const config = loadPlatformConfig(process.env, { serving: mode === 'serve' });
  const logger = createLogger('platform', config.LOG_LEVEL);
  keepServingOnStrayRejections(logger);
  const root = repositoryRoot();
  const progress = (message: string) => logger.info(message);

  let embeddedPg: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.DATABASE_URL;
  let unlock = () => undefined as void;
  if (!databaseUrl) {
    unlock = lockDataDir(config.dataDir);
    try {
      embeddedPg = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        onProgress: progress,
        throwaway: config.QUARTIER_DATA_THROWAWAY,
      });
    } catch (error) {
      unlock();
      throw error;
    }
    databaseUrl = embeddedPg.url;
  }
  const releaseDatabase = async () => {
    await embeddedPg?.stop();
    unlock();
  };
  try {
    await serve(mode, config, logger, root, progress, started, databaseUrl, releaseDatabase);
  } catch (error) {
    // Whatever failed (a port in use, a migration), the embedded database stops too.
    await releaseDatabase().catch(() => undefined);
    throw error;
  }
}

/**
 * Where the reference data is and whether Berlin's demo files are in it: without them the demo is
 * Musterstadt alone, and the log and the About page say how to add Berlin.
 */
function berlinReference(root: string): { dir: string; present: boolean; howToAdd: string } {
  const dir = referenceDataDir(process.env, root);
  return {
    dir,
    present: referenceDataWith(BERLIN_DEMO_FILES, dir) !== undefined,
    howToAdd: `demo with Musterstadt only: no Berlin reference data at ${dir}. To add Berlin: ${ADD_BERLIN_HINT}`,
  };
}

async function seedPlatformDemo(
  app: INestApplication,
  logger: ReturnType<typeof createLogger>,
  context: DemoSeedContext,
): Promise<void> {
  const started = Date.now();
  await seedDemo(
    PLATFORM_SERVICES,
    (service) => app.get(service.demoSeeder as NonNullable<typeof service.demoSeeder>),
    context,
    (service, seconds) => logger.info({ service, seconds }, `demo: ${service} seed done`),
  );
  logger.info({ seconds: (Date.now() - started) / 1000 }, 'demo data ready');
}

async function serve(
  mode: 'serve' | 'migrate' | 'seed',
  config: ReturnType<typeof loadPlatformConfig>,
  logger: ReturnType<typeof createLogger>,
  root: string,
  progress: (message: string) => void,
  started: number,
  databaseUrl: string,
  releaseDatabase: () => Promise<void>,
): Promise<void> {
  const issuer = config.OIDC_ISSUER ?? `${config.publicUrl}/oidc`;
  const runtime: RuntimeConfig = {
    databaseUrl,
    kafkaBrokers: config.KAFKA_BROKERS ? parseBrokers(config.KAFKA_BROKERS) : undefined,
    redisUrl: config.REDIS_URL,
    oidcIssuer: issuer,
    oidcAudience: config.OIDC_AUDIENCE,
    publicUrl: config.publicUrl,
    trustedProxies: config.TRUSTED_PROXIES,
    metricsToken: config.METRICS_TOKEN,
    metricsOnApiPort: !config.METRICS_DISABLED,
    clock: config.QUARTIER_CLOCK_START
      ? new ShiftedClock(new Date(config.QUARTIER_CLOCK_START), { timeZone: config.QUARTIER_TIME_ZONE })
      : new SystemClock(config.QUARTIER_TIME_ZONE),
    // Every service answers on this process: reports gather from the others through it.
    serviceUrlTemplate: ownUrl(config.HOST, config.PORT),
    reportScheduleAccounts:
      config.REPORT_SCHEDULE_ACCOUNTS ??
      (config.devLogin && config.demo
        ? { 'berlin-demo': { username: 'viewer', password: DEMO_PASSWORD } }
        : undefined),
  };

  const app = await NestFactory.create(PlatformModule.forRoot(runtime), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  if (config.devLogin) {
    const idp = await createDevIdentityProvider({
      issuer,
      portalRedirectUris: [`${config.publicUrl}/auth/callback`],
      postLogoutRedirectUris: [`${config.publicUrl}/`],
      keyDirectory: join(config.dataDir, 'oidc'),
    });
    app.use(idp.mountPath, idp.handler);
    progress(`dev login (OIDC) at ${issuer}`);
  }
  configureHttp(app, { logger, docs: PLATFORM_DOCS, streamedBodyPaths: STREAMED_BODY_PATHS });
  const berlin = berlinReference(root);
  const portal = hostPortal(app, join(root, 'dist/portal/browser'), {
    oidcIssuer: issuer,
    oidcClientId: PORTAL_CLIENT_ID,
    apiBaseUrl: '',
    ...(config.demo ? { berlinData: berlin.present } : {}),
  });
  if (!portal) logger.warn('portal not built (dist/portal/browser missing): APIs only; run `npm run build`');

  await app.init();
  if (mode === 'migrate') progress('migrations applied');
  if (mode === 'seed' || (mode === 'serve' && config.demo)) {
    // Each service seeds on top of the areas its read model received from the registry's
    // events; each seeder waits for them and does nothing when its demo data already exists.
    await seedPlatformDemo(app, logger, { root, referenceData: berlin.dir, progress });
  }
  if (mode !== 'serve') {
    await app.close();
    await releaseDatabase();
    return;
  }
  try {
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    await app.close();
    throw error;
  }
  logger.info(
    { host: config.HOST, port: config.PORT, seconds: (Date.now() - started) / 1000 },
    `Quartier ready at ${config.publicUrl} (APIs: ${config.publicUrl}/api/registry/docs)`,
  );
  // The seeders said it on the way; the last line of a start is the one people read.
  if (config.demo && !berlin.present) logger.warn(berlin.howToAdd);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const begun = Date.now();
    // Consumers, relays and job runners stop with the app, its pools after them and the embedded
    // database last (it ignores the terminal's Ctrl-C): nothing is cut off mid-query, one line.
    await app.close();
    await releaseDatabase();
    logger.info({ signal, seconds: (Date.now() - begun) / 1000 }, `Quartier stopped (${signal})`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

// `node main.js` serves; `node main.js migrate` only applies every service's migrations and
// `node main.js seed` also seeds the demo — both exit afterwards (the CLI's migrate/seed).
const mode = process.argv[2] ?? 'serve';
if (mode !== 'serve' && mode !== 'migrate' && mode !== 'seed') {
  process.stderr.write(`usage: main.js [serve|migrate|seed]\n`);
  process.exit(2);
}
main(mode).catch((error: unknown) => {
  // Operators get the reason; the stack only when they ask for it.
  const detail =
    error instanceof Error
      ? process.env['LOG_LEVEL'] === 'debug'
        ? (error.stack ?? error.message)
        : error.message
      : String(error);
  process.stderr.write(`quartier: ${detail}\n`);
  process.exit(1);
});
