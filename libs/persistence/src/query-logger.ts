import { redactSqlError } from '@quartier/observability';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** One log line as written: JSON, like the services' pino lines. */
export type QueryLogSink = (line: string) => void;

const PG_FIELDS = ['code', 'table', 'column', 'constraint', 'routine'] as const;

/**
 * TypeORM's own loggers print a failed query's parameters (`query failed … PARAMETERS: […]`)
 * and the driver's `detail` (`Failing row contains (…)`): for a public survey submission that
 * is every answer, free text and invitation code, in the clear, in the log. This logger keeps
 * what an operator needs — the SQL (parameterised, so without values), PostgreSQL's error code,
 * table, column and constraint — and never parameters or detail. Quoted literals in the
 * message (`invalid input syntax for type uuid: "…"`) are blanked unless the query itself
 * names them (identifiers are in the SQL, values are not).
 */
export class ParameterFreeQueryLogger implements TypeOrmLogger {
  constructor(private readonly sink: QueryLogSink = (line) => process.stderr.write(`${line}\n`)) {}

  // The parameters are accepted (TypeORM passes them) and deliberately dropped.
  logQueryError(error: string | Error, query: string, _parameters?: unknown): void {
    const driver = (typeof error === 'object' ? error : {}) as Record<string, unknown>;
    const fields = Object.fromEntries(
      PG_FIELDS.filter((f) => typeof driver[f] === 'string').map((f) => [f, driver[f]]),
    );
    const message = typeof error === 'string' ? error : error.message;
    this.write('error', 'query failed', {
      ...fields,
      error: redactSqlError(message, query),
      query: short(query),
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.write('warn', 'slow query', { ms: time, query: short(query) });
  }

  logMigration(message: string): void {
    this.write('info', message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.write('warn', typeof message === 'string' ? message : 'typeorm warning');
  }

  // Successful queries and schema builds are not logged (`logging: ['error']` before).
  logQuery(): void {}
  logSchemaBuild(): void {}

  private write(level: string, msg: string, fields: Record<string, unknown> = {}): void {
    this.sink(JSON.stringify({ level, time: new Date().toISOString(), source: 'typeorm', msg, ...fields }));
  }
}

function short(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > 500 ? `${flat.slice(0, 500)}…` : flat;
}
