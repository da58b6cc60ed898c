import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v))
  .default(true);

/**
 * The embedded platform's environment. Every external component is optional: without it the
 * platform starts its embedded stand-in (PostgreSQL, in-process bus, in-memory cache, dev OIDC).
 */
export const platformConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgres:// URL' })
    .optional(),
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'KAFKA_BROKERS must be host:port[,host:port…]')
    .optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// URL' }).optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_AUDIENCE: z.string().min(1).default('quartier-api'),
  /** Where embedded PostgreSQL and the dev provider's keys live; kept between starts. */
  QUARTIER_DATA_DIR: z.string().min(1).default('.quartier'),
  /** Seed the demo tenants on first start. */
  QUARTIER_DEMO: flag,
  /** Public origin (behind a proxy); default http://localhost:PORT. */
  QUARTIER_PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});
export type PlatformConfig = z.infer<typeof platformConfigSchema> & { publicUrl: string; dataDir: string };

export function loadPlatformConfig(env: Record<string, string | undefined>): PlatformConfig {
  const parsed = platformConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration:\n${problems}`);
  }
  const config = parsed.data;
  return {
    ...config,
    publicUrl: (config.QUARTIER_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ''),
    dataDir: resolve(config.QUARTIER_DATA_DIR),
  };
}
