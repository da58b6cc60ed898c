import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { ParameterFreeQueryLogger, type QueryLogSink } from './query-logger';

export interface SchemaDataSourceOptions {
  /** postgres:// URL of the shared database. */
  url: string;
  /** The service's own schema; it never reads another service's tables. */
  schema: string;
  // Entities and migrations are listed explicitly per schema (no dist/ globs, STYLE.md "Data").
  // eslint's no-unsafe-function-type is not enabled; TypeORM's own types are used as-is.
  entities: MixedList<string | EntitySchema | (new () => unknown)>;
  migrations: MixedList<string | (new () => unknown)>;
  /** Connection pool size per process. */
  poolSize?: number;
  applicationName?: string;
  /** Where failed queries are reported (default: stderr, one JSON line each, no parameters). */
  queryLog?: QueryLogSink;
}

/**
 * One TypeORM DataSource per service schema. `search_path` pins unqualified SQL in migrations
 * and queries to the schema, and migration bookkeeping lives in the schema too, so six services
 * can share one database (embedded mode) without seeing each other's tables.
 */
export function createSchemaDataSource(options: SchemaDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // Failed queries are logged without their parameters: they hold respondents' answers.
    logging: ['error', 'warn'],
    logger: new ParameterFreeQueryLogger(options.queryLog),
    applicationName: options.applicationName ?? `quartier-${options.schema}`,
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${quoteIdent(options.schema)},public`,
    },
  });
}

/** Creates the schema when missing, then applies pending migrations. Returns their names. */
export async function migrateSchema(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('migrateSchema needs a DataSource created with a schema');
  // Replicas starting together (HPA scale-up, compose --scale) would otherwise race to create
  // the schema and apply the same migrations; a session advisory lock per schema serialises them.
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [`quartier-migrate:${schema}`]);
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock
      .query(`SELECT pg_advisory_unlock(hashtext($1))`, [`quartier-migrate:${schema}`])
      .catch(() => undefined);
    await lock.release();
  }
}

/**
 * Schema and table names end up inside SQL text (identifiers cannot be bound as parameters), so
 * only plain lowercase identifiers are accepted. PostgreSQL silently truncates identifiers longer
 * than 63 bytes, so two long names could meet in one schema; those are refused too.
 */
export function quoteIdent(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(identifier))
    throw new RangeError(
      `unsafe SQL identifier (lowercase letters, digits and _, at most 63): ${JSON.stringify(identifier)}`,
    );
  return `"${identifier}"`;
}
