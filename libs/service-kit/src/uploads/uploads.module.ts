import { Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { UploadSpool } from './upload-spool';

/** Removes spool files left by a dead process (a service whose uploads no job holds). */
@Injectable()
export class SpoolJanitor implements OnApplicationBootstrap {
  constructor(private readonly spool: UploadSpool) {}

  async onApplicationBootstrap(): Promise<void> {
    const removed = await this.spool.removeOrphans(new Set());
    if (removed.length > 0)
      new Logger(`UploadSpool:${this.spool.service}`).warn(
        `${removed.length} orphaned spool file(s) removed`,
      );
  }
}

/**
 * The `UploadSpool` of a service whose uploads are consumed within the request (no jobs).
 * Services with a `JobsModule` get their spool from it instead: its runner keeps the files of
 * queued jobs when it sweeps.
 */
@Module({})
export class UploadsModule {
  static forService(service: string): DynamicModule {
    return {
      module: UploadsModule,
      providers: [{ provide: UploadSpool, useFactory: () => new UploadSpool(service) }, SpoolJanitor],
      exports: [UploadSpool],
    };
  }
}
