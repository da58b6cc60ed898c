import { Module, type DynamicModule } from '@nestjs/common';
import { Clock } from '../clock';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../runtime';
import { UploadSpool } from '../uploads/upload-spool';
import { JobRunner, type JobRunnerTuning } from './job-runner';
import { JOB_ERROR_STATUS, JobError } from './job.types';
import { registerErrorStatuses } from '../http/domain-error.filter';

registerErrorStatuses(JobError, JOB_ERROR_STATUS);

export interface JobsModuleOptions {
  /** The service; its queue schema is `<service>_jobs`, its spool folder `<tmp>/quartier-spool/<service>`. */
  service: string;
  /** Name of the service's TypeORM connection (its `job` table lives in that schema). */
  connection: string;
  clock?: Clock;
  tuning?: JobRunnerTuning;
}

/** The pg Pool behind a TypeORM DataSource: the runner shares the service's connections. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/**
 * A service's `JobRunner` and `UploadSpool`. Import it once in the service module (not global:
 * the embedded platform hosts several services, each with its own runner).
 */
@Module({})
export class JobsModule {
  static forService(options: JobsModuleOptions): DynamicModule {
    return {
      module: JobsModule,
      providers: [
        { provide: UploadSpool, useFactory: () => new UploadSpool(options.service) },
        {
          provide: JobRunner,
          inject: [getDataSourceToken(options.connection), RUNTIME_CONFIG, UploadSpool, Clock],
          useFactory: (dataSource: DataSource, runtime: RuntimeConfig, spool: UploadSpool, clock: Clock) =>
            new JobRunner({
              service: options.service,
              pool: poolOf(dataSource),
              databaseUrl: runtime.databaseUrl,
              spool,
              // The platform's one clock (tests fix it through runtime.clock), unless given here.
              clock: options.clock ?? clock,
              tuning: options.tuning,
            }),
        },
      ],
      exports: [JobRunner, UploadSpool],
    };
  }
}
