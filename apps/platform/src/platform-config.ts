import { resolve } from 'node:path';
import {
  databaseUrlSetting,
  kafkaBrokersSetting,
  logLevelSetting,
  metricsDisabledSetting,
  metricsTokenSetting,
  oidcAudienceSetting,
  oidcIssuerSetting,
  portSetting,
  publicUrlSetting,
  redisUrlSetting,
  reportScheduleAccountsSetting,
  timeZoneSetting,
  trustedProxiesSetting,
} from '@quartier/service-kit';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v));

/**
 * The embedded platform's environment. Every external component is optional: without it the
 * platform starts its embedded stand-in (PostgreSQL, in-process bus, in-memory cache, dev OIDC).
 */
export const platformConfigSchema = z.object({
  PORT: portSetting,
  DATABASE_URL: databaseUrlSetting.optional(),
  KAFKA_BROKERS: kafkaBrokersSetting,
  REDIS_URL: redisUrlSetting,
  OIDC_ISSUER: oidcIssuerSetting.optional(),
  OIDC_AUDIENCE: oidcAudienceSetting,
  /** Where embedded PostgreSQL and the dev provider's keys live; kept between starts. */
  QUARTIER_DATA_DIR: z.string().min(1).default('.quartier'),
  /**
   * The data directory is thrown away after this run (browser tests, benchmarks): the embedded
   * PostgreSQL then never waits for the disk (fsync off), so a crash may corrupt the cluster.
   */
  QUARTIER_DATA_THROWAWAY: flag.default(false),
  /**
   * Seed the demo tenants on first start. Default: yes with the embedded database, no with an
   * external one (demo users with the password "demo" do not belong in a real database).
   */
  QUARTIER_DEMO: flag.optional(),
  /** Start the built-in login provider (demo passwords) although the database is external. */
  QUARTIER_DEV_LOGIN: flag.default(false),
  /** Interface to listen on; default loopback only (a reverse proxy or HOST=0.0.0.0 opens it). */
  HOST: z
    .string()
    .regex(/^[0-9A-Za-z.:-]+$/, 'HOST must be an address or host name, e.g. 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  /** Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, comma-separated). */
  TRUSTED_PROXIES: trustedProxiesSetting,
  /**
   * Bearer token for /api/<service>/metrics; unset = open to whoever reaches HOST:PORT, which
   * only loopback may be (a HOST beyond it needs the token or METRICS_DISABLED=true).
   */
  METRICS_TOKEN: metricsTokenSetting,
  /** No metrics at all (404). */
  METRICS_DISABLED: metricsDisabledSetting,
  /** Per tenant, the account scheduled reports sign in as; the demo's viewer by default. */
  REPORT_SCHEDULE_ACCOUNTS: reportScheduleAccountsSetting,
  /** Public origin (behind a proxy); default http://localhost:PORT. */
  QUARTIER_PUBLIC_URL: publicUrlSetting,
  /**
   * Start the services' clock at this instant instead of now (it then runs on in real time):
   * browser tests and demos on a fixed calendar day. Tokens keep the real time.
   */
  QUARTIER_CLOCK_START: z.iso
    .datetime({
      offset: true,
      error: 'QUARTIER_CLOCK_START must be an ISO instant, e.g. 2026-03-02T09:00:00Z',
    })
    .optional(),
  /** The cities' time zone: which calendar day it is (current area version, dates stored). */
  QUARTIER_TIME_ZONE: timeZoneSetting,
  LOG_LEVEL: logLevelSetting,
});
export type PlatformConfig = z.infer<typeof platformConfigSchema> & {
  publicUrl: string;
  dataDir: string;
  /** Whether to seed the demo tenants (QUARTIER_DEMO, defaulted by the kind of database). */
  demo: boolean;
  /** Whether this process serves the built-in login provider (at `<public url>/oidc`). */
  devLogin: boolean;
};

/**
 * @param serving whether the platform is to answer requests (`serve`); `migrate` and `seed`
 *   only touch the database and sign nobody in, so they need no identity provider.
 */
export function loadPlatformConfig(
  env: Record<string, string | undefined>,
  { serving }: { serving: boolean } = { serving: true },
): PlatformConfig {
  const parsed = platformConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration:\n${problems}`);
  }
  const config = parsed.data;
  const external = config.DATABASE_URL !== undefined;
  // The dev provider signs in admin/demo: with a real database that is an open door, so it
  // needs to be asked for by name.
  if (serving && external && !config.OIDC_ISSUER && !config.QUARTIER_DEV_LOGIN) {
    throw new Error(
      'invalid configuration:\n  - OIDC_ISSUER: required with DATABASE_URL (an external database); ' +
        'set QUARTIER_DEV_LOGIN=true to use the built-in demo login on purpose',
    );
  }
  // Metrics show request counts per route, heap and event-loop lag: open only to this machine.
  if (serving && !isLoopback(config.HOST) && !config.METRICS_TOKEN && !config.METRICS_DISABLED) {
    throw new Error(
      `invalid configuration:\n  - METRICS_TOKEN: required when HOST (${config.HOST}) is reachable beyond ` +
        'loopback (a token of at least 16 characters that Prometheus presents as Bearer); ' +
        'or set METRICS_DISABLED=true, or listen on 127.0.0.1',
    );
  }
  return {
    ...config,
    publicUrl: config.QUARTIER_PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    dataDir: resolve(config.QUARTIER_DATA_DIR),
    demo: config.QUARTIER_DEMO ?? !external,
    devLogin: !config.OIDC_ISSUER && (serving || !external),
  };
}

/** Whether HOST names this machine alone (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    /^(0{0,4}:){2,7}0{0,3}1$/.test(h) ||
    h === '::ffff:127.0.0.1'
  );
}
