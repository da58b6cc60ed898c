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
  /** The clock services read "now" from; default: the system clock (tests fix it). */
  clock?: Clock;
}

export const RUNTIME_CONFIG = Symbol('quartier:runtime-config');
