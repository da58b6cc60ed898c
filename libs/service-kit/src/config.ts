import { isIP } from 'node:net';
import { z } from 'zod';
import type { ServiceName } from '@quartier/contracts';
import { DEFAULT_TIME_ZONE, isTimeZone } from './clock';

/** An address (`10.0.0.7`, `::1`) or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
function isProxyEntry(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `TRUSTED_PROXIES`: the reverse proxies (nginx, the ingress controller) whose
 * `X-Forwarded-For` names the real client. Empty (the default) trusts no header: the client is
 * whoever opened the connection. Comma-separated addresses or CIDR ranges.
 */
export const trustedProxiesSetting = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  )
  .refine((entries) => entries.every(isProxyEntry), {
    error: 'TRUSTED_PROXIES must be comma-separated IP addresses or CIDR ranges (e.g. 10.0.0.0/8,127.0.0.1)',
  });

/**
 * `QUARTIER_TIME_ZONE`: the IANA time zone of the platform's cities (default Europe/Berlin). It
 * decides which calendar day it is: when a dated area version becomes current, the day a
 * submission or a measure's start is stored under, a report's as-of date.
 */
export const timeZoneSetting = z
  .string()
  .default(DEFAULT_TIME_ZONE)
  .refine(isTimeZone, {
    error: (issue) =>
      `QUARTIER_TIME_ZONE must be an IANA time zone such as Europe/Berlin or Europe/Vienna; "${String(issue.input)}" is unknown to this runtime`,
  });

/** `PORT`: where the HTTP API listens. */
export const portSetting = z.coerce.number().int().min(1).max(65535).default(3000);

/** `DATABASE_URL`: the PostgreSQL server (each service owns a schema in it). */
export const databaseUrlSetting = z.url({
  protocol: /^postgres(ql)?$/,
  error: 'DATABASE_URL must be a postgres:// URL',
});

/** `KAFKA_BROKERS`: the event bus; absent, events stay in the process. */
export const kafkaBrokersSetting = z
  .string()
  .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'KAFKA_BROKERS must be host:port[,host:port…]')
  .optional();

/** `REDIS_URL`: the shared cache; absent, each process caches in memory. */
export const redisUrlSetting = z
  .url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// URL' })
  .optional();

/** `OIDC_ISSUER`: the identity provider whose access tokens are accepted. */
export const oidcIssuerSetting = z.url({
  error: 'OIDC_ISSUER must be the issuer URL (e.g. https://sso.example.de/realms/quartier)',
});

/** `OIDC_AUDIENCE`: the audience access tokens must be issued for. */
export const oidcAudienceSetting = z.string().min(1).default('quartier-api');

/** `LOG_LEVEL`: the least severe log entries written (JSON lines on stdout). */
export const logLevelSetting = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info');

/** `METRICS_TOKEN`: when set, /api/<service>/metrics answers only `Authorization: Bearer <token>`. */
export const metricsTokenSetting = z
  .string()
  .min(16, 'METRICS_TOKEN must be at least 16 characters')
  .regex(/^[\x21-\x7e]+$/, 'METRICS_TOKEN must be printable ASCII without spaces')
  .optional();

/**
 * `METRICS_PORT`: serve /api/<service>/metrics on this port only (one that only the scraper can
 * reach); the API port then answers 404 for it.
 */
export const metricsPortSetting = z.coerce.number().int().min(1).max(65535).optional();

/** `METRICS_DISABLED=true`: no metrics at all (404), for deployments that do not scrape. */
export const metricsDisabledSetting = z
  .enum(['true', 'false'], { error: 'METRICS_DISABLED must be true or false' })
  .default('false')
  .transform((value) => value === 'true');

/** `QUARTIER_PUBLIC_URL`: the origin respondents and browsers reach Quartier at. */
export const publicUrlSetting = z
  .url({ protocol: /^https?$/, error: 'QUARTIER_PUBLIC_URL must be an http(s):// URL' })
  .transform((url) => url.replace(/\/+$/, ''))
  .optional();

/**
 * `SERVICE_URL_TEMPLATE`: where a service reaches the others over HTTP (the reporting service
 * gathers report data from them with the reader's token); `{service}` is replaced by the name.
 * The default matches the container and Kubernetes Service names (`registry-service:3000`).
 */
export const serviceUrlTemplateSetting = z
  .string()
  .default('http://{service}-service:3000')
  .refine((value) => value.includes('{service}') && URL.canParse(value.replaceAll('{service}', 'registry')), {
    error:
      'SERVICE_URL_TEMPLATE must be an http(s) URL containing {service}, e.g. http://{service}-service:3000',
  })
  .refine((value) => /^https?:\/\//.test(value), {
    error: 'SERVICE_URL_TEMPLATE must start with http:// or https://',
  })
  .transform((value) => value.replace(/\/+$/, ''));

const scheduleAccount = z.object({ username: z.string().min(1), password: z.string().min(1) }).strict();

/**
 * `REPORT_SCHEDULE_ACCOUNTS`: per tenant, the account scheduled reports sign in as (JSON,
 * `{"<tenant>": {"username": "…", "password": "…"}}`) — a tenant-wide viewer, so a scheduled
 * report holds what every tenant-wide reader may see. Absent: reports cannot be scheduled.
 */
export const reportScheduleAccountsSetting = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return undefined;
    try {
      const parsed = z.record(z.string().min(1), scheduleAccount).safeParse(JSON.parse(value));
      if (parsed.success) return parsed.data;
    } catch {
      // reported below
    }
    ctx.addIssue({
      code: 'custom',
      message: 'REPORT_SCHEDULE_ACCOUNTS must be JSON {"<tenant>": {"username": "…", "password": "…"}}',
    });
    return z.NEVER;
  });

/**
 * The environment every service container reads (and the only place that reads process.env).
 * docker-compose.yml and k8s/ are tested against this list, so deployment and code agree.
 */
export const serviceConfigSchema = z.object({
  PORT: portSetting,
  DATABASE_URL: databaseUrlSetting,
  KAFKA_BROKERS: kafkaBrokersSetting,
  REDIS_URL: redisUrlSetting,
  OIDC_ISSUER: oidcIssuerSetting,
  OIDC_AUDIENCE: oidcAudienceSetting,
  LOG_LEVEL: logLevelSetting,
  /** Origin of public links (survey forms, QR codes); never taken from request headers. */
  QUARTIER_PUBLIC_URL: publicUrlSetting,
  TRUSTED_PROXIES: trustedProxiesSetting,
  METRICS_TOKEN: metricsTokenSetting,
  METRICS_PORT: metricsPortSetting,
  METRICS_DISABLED: metricsDisabledSetting,
  SERVICE_URL_TEMPLATE: serviceUrlTemplateSetting,
  REPORT_SCHEDULE_ACCOUNTS: reportScheduleAccountsSetting,
  QUARTIER_TIME_ZONE: timeZoneSetting,
});
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;
export const SERVICE_ENV_VARS = Object.keys(serviceConfigSchema.shape) as (keyof ServiceConfig)[];
/** Variables a container cannot start without. */
export const REQUIRED_SERVICE_ENV_VARS = SERVICE_ENV_VARS.filter(
  (key) => !serviceConfigSchema.shape[key].safeParse(undefined).success,
);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once at boot and fails fast with every problem named. */
export function loadServiceConfig(env: Record<string, string | undefined>): ServiceConfig {
  const parsed = serviceConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const problems = metricsExposureProblems(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}

/**
 * A service container is the distributed mode: its API port is reachable by whatever reaches the
 * pod or the compose network, so metrics (request counts per route, heap, event-loop lag) must not
 * be open there. They need a token, a port of their own, or to be switched off on purpose. (The
 * embedded platform reads its own configuration and listens on loopback by default.)
 */
function metricsExposureProblems(config: ServiceConfig): string[] {
  if (config.METRICS_DISABLED) return [];
  if (config.METRICS_PORT !== undefined && config.METRICS_PORT === config.PORT)
    return ['METRICS_PORT: must differ from PORT (the API port), or metrics would be public again'];
  if (config.METRICS_TOKEN === undefined && config.METRICS_PORT === undefined)
    return [
      'METRICS_TOKEN: required in distributed mode (a token of at least 16 characters that Prometheus ' +
        'presents as Bearer); or set METRICS_PORT to serve metrics on a separate port, or METRICS_DISABLED=true',
    ];
  return [];
}

/** Where a service container serves its metrics: the API port (with the token), a port of its own, or nowhere. */
export function metricsExposure(config: ServiceConfig): { onApiPort: boolean; separatePort?: number } {
  if (config.METRICS_DISABLED) return { onApiPort: false };
  if (config.METRICS_PORT !== undefined) return { onApiPort: false, separatePort: config.METRICS_PORT };
  return { onApiPort: true };
}

/** HTTP paths a service exposes for operations; probes and ingress use exactly these. */
export function servicePaths(service: ServiceName) {
  const base = `/api/${service}`;
  return {
    base,
    liveness: `${base}/health/live`,
    readiness: `${base}/health`,
    metrics: `${base}/metrics`,
    docs: `${base}/docs`,
    docsJson: `${base}/docs-json`,
  } as const;
}
