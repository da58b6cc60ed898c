import { Injectable } from '@nestjs/common';
import { isPlatformAdmin, scopeAreas, type Caller } from '@quartier/auth';
import { canonicalJson, contentHashOf } from '@quartier/reporting-core';
import { Clock, JobRunner } from '@quartier/service-kit';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { REPORT_RENDER } from '../render/report-job';
import { contentTypeOf, type PinnedDataset } from '../render/report-renderer';
import { DEFAULT_RETENTION_DAYS, REPORT_AUTHORS } from '../reporting.constants';
import { ReportingServiceError } from '../reporting.errors';
import type { OnBehalfOf } from '../upstream/service-client';
import type { ReportAccepted, ReportFormat, ReportPage, ReportRequest, ReportView } from './report.dto';
import { readReportFile } from './report-files';
import { ReportRepository, type NewReport, type ReaderFilter, type ReportRow } from './report.repository';
import { describeReport, ReportSubjects } from './report-subjects';
import { toReportView } from './report-view';

/** How a new report comes about (beyond the caller): which data, which lineage, who sees it. */
interface Origin {
  lineage?: { id: string; version: number };
  regeneratedFrom?: string;
  scheduleId?: string;
  visibility?: 'author' | 'tenant';
}

const DAY_MS = 86_400_000;

/**
 * Reports: requests are checked and their data gathered from the owning services with the
 * caller's token, pinned (canonical JSON + SHA-256), and rendered by the platform's job runner
 * from the pinned data only. Regenerate renders the same pinned data again; update gathers anew.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly subjects: ReportSubjects,
    private readonly runner: JobRunner,
    private readonly clock: Clock,
  ) {}

  reader(caller: Caller): ReaderFilter {
    const { principal, assignments } = caller.access;
    return {
      subject: caller.subject,
      admin: isPlatformAdmin(principal) || principal.roles.includes('tenant-admin'),
      tenantWide: scopeAreas(principal, assignments, REPORT_AUTHORS) === 'all',
    };
  }

  async request(
    caller: Caller,
    auth: OnBehalfOf,
    request: ReportRequest,
    origin: Origin = {},
  ): Promise<ReportAccepted> {
    const { dataset, indexRunId } = await this.subjects.gather(caller.access, caller.tenantId, auth, request);
    const { type, format, language, ...rest } = request;
    const params = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    const datasetId = randomUUID();
    const content = canonicalJson(dataset);
    const now = this.clock.now();
    const reportId = randomUUID();
    await this.reports.db.transaction(async (manager) => {
      await this.reports.insertDataset(manager, {
        id: datasetId,
        tenantId: caller.tenantId,
        kind: dataset.kind,
        content,
        contentHash: contentHashOf(content),
        asOf: now,
        indexRunId: indexRunId ?? lastIndexRun(dataset),
        gatheredBy: caller.subject,
        createdAt: now,
      });
      await this.reports.insertReport(manager, {
        ...(await this.newReport(
          caller,
          reportId,
          { type, format, language, params, datasetId },
          dataset,
          origin,
        )),
      });
    });
    return this.enqueue(caller, reportId);
  }

  private async newReport(
    caller: Caller,
    id: string,
    what: {
      type: ReportRequest['type'];
      format: ReportFormat;
      language: 'de' | 'en';
      params: Record<string, unknown>;
      datasetId: string;
    },
    dataset: PinnedDataset,
    origin: Origin,
  ): Promise<NewReport> {
    const now = this.clock.now();
    const described = describeReport(dataset, what.params, what.language, what.format);
    const days = (await this.reports.retentionDays(caller.tenantId)) ?? DEFAULT_RETENTION_DAYS;
    return {
      id,
      tenantId: caller.tenantId,
      ...what,
      title: described.title,
      lineageId: origin.lineage?.id ?? id,
      version: origin.lineage?.version ?? 1,
      regeneratedFrom: origin.regeneratedFrom ?? null,
      scheduleId: origin.scheduleId ?? null,
      visibility: origin.visibility ?? 'author',
      createdBy: caller.subject,
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * DAY_MS),
      fileName: described.fileName,
      contentType: contentTypeOf(what.format, described.batch),
    };
  }

  private async enqueue(caller: Caller, reportId: string): Promise<ReportAccepted> {
    const jobId = await this.runner.enqueue(
      REPORT_RENDER,
      { reportId },
      { tenantId: caller.tenantId, createdBy: caller.subject },
    );
    await this.reports.setJob(reportId, jobId);
    return { id: reportId, status: 'queued' };
  }

  async visible(caller: Caller, id: string): Promise<ReportRow> {
    const row = await this.reports.findVisible(caller.tenantId, id, this.reader(caller));
    if (!row) throw new ReportingServiceError('ReportNotFound', `report ${id} not found`);
    return row;
  }

  async get(caller: Caller, id: string): Promise<ReportView> {
    return toReportView(await this.visible(caller, id), this.clock.now());
  }

  async list(
    caller: Caller,
    query: { type?: string; scheduleId?: string; limit: number; offset: number },
  ): Promise<ReportPage> {
    const { rows, total } = await this.reports.list(caller.tenantId, this.reader(caller), query);
    const now = this.clock.now();
    return { items: rows.map((r) => toReportView(r, now)), total };
  }

  /** Cancels a queued or running report (its author or a tenant admin); a finished one stays. */
  async cancel(caller: Caller, id: string): Promise<ReportView> {
    const row = await this.visible(caller, id);
    const reader = this.reader(caller);
    if (row.createdBy !== caller.subject && !reader.admin)
      throw new ReportingServiceError('ReportNotFound', `report ${id} not found`);
    if (row.jobId) await this.runner.cancel(row.jobId, caller.tenantId);
    return this.get(caller, id);
  }

  /** Renders the same pinned data again (optionally in another format or language). */
  async regenerate(
    caller: Caller,
    id: string,
    overrides: { format?: ReportFormat; language?: 'de' | 'en' },
  ): Promise<ReportAccepted> {
    const source = await this.visible(caller, id);
    const stored = await this.reports.dataset(source.datasetId);
    if (!stored)
      throw new ReportingServiceError('ReportNotRegenerable', `the pinned data of report ${id} is gone`);
    const dataset = JSON.parse(stored.content) as PinnedDataset;
    const reportId = randomUUID();
    const row = await this.newReport(
      caller,
      reportId,
      {
        type: source.type as ReportRequest['type'],
        format: overrides.format ?? source.format,
        language: overrides.language ?? source.language,
        params: source.params,
        datasetId: source.datasetId,
      },
      dataset,
      {
        lineage: { id: source.lineageId, version: source.version },
        regeneratedFrom: source.id,
        ...(source.scheduleId ? { scheduleId: source.scheduleId } : {}),
        visibility: source.visibility,
      },
    );
    await this.reports.db.transaction((manager) => this.reports.insertReport(manager, row));
    return this.enqueue(caller, reportId);
  }

  /** Gathers the data again with the caller's permissions: a new version of the report. */
  async update(caller: Caller, auth: OnBehalfOf, id: string): Promise<ReportAccepted> {
    const source = await this.visible(caller, id);
    const request = {
      type: source.type,
      format: source.format,
      language: source.language,
      ...source.params,
    } as ReportRequest;
    const version = (await this.reports.latestVersion(source.lineageId)) + 1;
    return this.request(caller, auth, request, {
      lineage: { id: source.lineageId, version },
      ...(source.scheduleId ? { scheduleId: source.scheduleId } : {}),
    });
  }

  /** The finished file as a stream, with its name and type. */
  async file(caller: Caller, id: string): Promise<{ row: ReportRow; stream: Readable }> {
    const row = await this.visible(caller, id);
    if (toReportView(row, this.clock.now()).status !== 'done' || row.fileSize === null)
      throw new ReportingServiceError('ReportNotReady', `report ${id} has no file yet (see its status)`);
    return { row, stream: readReportFile(this.reports, row.id) };
  }
}

function lastIndexRun(dataset: PinnedDataset): string | null {
  if (dataset.kind === 'monitoring-report') return dataset.run.id;
  if (dataset.kind === 'area-profile')
    return [...dataset.indexRuns].sort((a, b) => (a.period < b.period ? -1 : 1)).at(-1)?.id ?? null;
  return null;
}
