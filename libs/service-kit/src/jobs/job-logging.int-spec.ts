import { Injectable, Module, type INestApplicationContext, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger } from '@quartier/observability';
import { createTestDatabase, type TestDatabase } from '@quartier/persistence';
import { Writable } from 'node:stream';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ShiftedClock } from '../clock';
import { serviceDatabase } from '../database.module';
import { PinoNestLogger } from '../nest-logger';
import { RuntimeModule } from '../runtime.module';
import { JobRunner } from './job-runner';
import { createJobTable, dropJobTable } from './job-table';
import { JobsModule } from './jobs.module';
import { defineJobKind } from './job.types';

const SERVICE = 'joblogtest';

class CreateJobs1765000000000 implements MigrationInterface {
  name = 'CreateJobs1765000000000';
  up = (db: QueryRunner) => createJobTable(db);
  down = (db: QueryRunner) => dropJobTable(db);
}

// An import reading an uploaded cell as JSON, unguarded: V8's SyntaxError quotes the cell.
const PARSE = defineJobKind<{ cell: string }, unknown>('parse-cell');

@Injectable()
class ParseJobs implements OnModuleInit {
  constructor(private readonly runner: JobRunner) {}
  onModuleInit(): void {
    this.runner.register(PARSE, async (payload) => JSON.parse(payload.cell) as unknown);
  }
}

describe('log line of a job that failed unexpectedly (real PostgreSQL)', () => {
  let database: TestDatabase;
  let app: INestApplicationContext | undefined;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('joblog');
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    const runtime = { databaseUrl: database.url, oidcIssuer: 'http://127.0.0.1:1/oidc', oidcAudience: 'x' };
    @Module({
      imports: [
        RuntimeModule.forRoot(runtime),
        serviceDatabase({
          name: SERVICE,
          schema: SERVICE,
          entities: [],
          migrations: [CreateJobs1765000000000],
        }),
        JobsModule.forService({
          service: SERVICE,
          connection: SERVICE,
          clock: new ShiftedClock(new Date('2030-01-01T00:00:00Z')),
          tuning: { heartbeatMs: 300, pollingSeconds: 0.5, staleAfterMs: 60_000, shutdownGraceMs: 5000 },
        }),
      ],
      providers: [ParseJobs],
    })
    class AppModule {}
    app = await NestFactory.createApplicationContext(AppModule, {
      logger: new PinoNestLogger(createLogger(SERVICE, 'warn', sink)),
    });
    await app.init();
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await database.drop();
  });

  it('names the job, its kind, the error and where it was thrown, not the content it quotes', async () => {
    const runner = (app as INestApplicationContext).get(JobRunner);
    const id = await runner.enqueue(
      PARSE,
      { cell: 'Herr Müller, Hauptstraße 5' },
      { tenantId: 'berlin', createdBy: 't' },
    );
    const job = await runner.waitFor(id, 'berlin', 20_000);
    expect(job.status).toBe('failed');
    const failed = lines.filter((l) => String(l['msg']).startsWith(`job ${id} (parse-cell) failed`));
    expect(failed).toHaveLength(1);
    expect(failed[0]?.['msg']).toMatch(
      /failed: SyntaxError: Unexpected token '…', "…"(\.\.\.)? is not valid JSON\n/,
    );
    expect(JSON.stringify(lines)).not.toContain('Müller');
  });
});
