import { Injectable, type OnModuleInit } from '@nestjs/common';
import { contentHashOf } from '@quartier/reporting-core';
import { Clock, defineJobKind, JobFailure, JobRunner, type JobContext } from '@quartier/service-kit';
import { ReportRepository } from '../reports/report.repository';
import { ReportFileWriter } from '../reports/report-files';
import { RenderThread } from './render-thread';

export interface RenderPayload {
  reportId: string;
}

export interface RenderResult {
  size: number;
  sha256: string;
}

/**
 * Rendering a report from its pinned data. Any replica may claim it (the data is in the
 * database, not on a disk); a failed render is tried once more (a database hiccup heals, a
 * broken dataset fails again and is reported with its error).
 */
export const REPORT_RENDER = defineJobKind<RenderPayload, RenderResult>('report-render', {
  retries: 1,
  retryDelaySeconds: 5,
  concurrency: 1,
  timeoutSeconds: 30 * 60,
});

@Injectable()
export class ReportRenderJob implements OnModuleInit {
  constructor(
    private readonly runner: JobRunner,
    private readonly reports: ReportRepository,
    private readonly thread: RenderThread,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.runner.register(REPORT_RENDER, (payload, context) => this.run(payload, context));
  }

  private async run(payload: RenderPayload, context: JobContext): Promise<RenderResult> {
    const report = await this.reports.find(context.tenantId, payload.reportId);
    if (!report) throw new JobFailure('ReportNotFound', `report ${payload.reportId} no longer exists`);
    const stored = await this.reports.dataset(report.datasetId);
    if (!stored) throw new JobFailure('PinnedDataMissing', `the pinned data of report ${report.id} is gone`);
    // The pinned data must still be what was gathered: the numbers of a regenerated report are
    // only the same numbers if nobody changed them in between.
    if (contentHashOf(stored.content) !== stored.contentHash)
      throw new JobFailure(
        'PinnedDataCorrupt',
        `the pinned data ${report.datasetId} no longer matches its content hash ${stored.contentHash}; update the report to gather the data again`,
      );
    context.progress(0.05, { message: 'loaded' });
    context.checkpoint();
    await this.reports.deleteFile(report.id);
    const writer = new ReportFileWriter(this.reports, report.id);
    try {
      await this.thread.render(
        {
          type: report.type,
          format: report.format,
          language: report.language,
          params: report.params,
          asOf: new Date(report.asOf),
          generatedAt: new Date(report.createdAt),
          timeZone: this.clock.timeZone,
          pin: { dataId: report.datasetId, contentHash: report.contentHash },
        },
        stored.content,
        writer,
        {
          progress: (fraction, message) => context.progress(0.05 + 0.9 * fraction, { message }),
          checkpoint: () => context.checkpoint(),
        },
        context.signal,
      );
    } catch (error) {
      writer.destroy();
      await this.reports.deleteFile(report.id).catch(() => undefined);
      throw error;
    }
    await this.reports.setFile(report.id, writer.size, writer.sha256);
    return { size: writer.size, sha256: writer.sha256 };
  }
}
