import type { Clock } from './clock';

/**
 * What the process runs against, resolved once by the app (a service's main.ts from its
 * validated environment, or the embedded platform from what it started) and injected into every
 * service module. Modules never read process.env themselves.
 */
export interface RuntimeConfig {
  databaseUrl: string;
  /** Kafka bootstrap servers; absent = in-process bus (embedded mode). */
  kafkaBrokers?: string[];
  /** Redis; absent = in-memory cache. */
  redisUrl?: string;
  oidcIssuer: string;
  oidcAudience: string;
  /** Origin of links given to the public (survey forms, QR codes); absent = none can be made. */
  publicUrl?: string;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); default none. */
  trustedProxies?: readonly string[];
  /** Bearer token the metrics endpoints require; absent = metrics are open (in-cluster scraping). */
  metricsToken?: string;
  /** False when metrics are served on a port of their own or switched off: the API port has none. */
  metricsOnApiPort?: boolean;
  /** Base URL of each service, `{service}` replaced by its name (reports gather over HTTP). */
  serviceUrlTemplate?: string;
  /** Per tenant, the account scheduled reports sign in as (a tenant-wide viewer). */
  reportScheduleAccounts?: Readonly<Record<string, { username: string; password: string }>>;
  /**
   * The clock services read "now" and today's date (in its time zone) from; default: the system
   * clock in Europe/Berlin (tests fix it).
   */
  clock?: Clock;
}

export const RUNTIME_CONFIG = Symbol('quartier:runtime-config');
