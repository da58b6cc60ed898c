import type { ReportStatus, ReportView } from './report.dto';
import type { ReportRow } from './report.repository';

/** A report whose job was never recorded (the process stopped between pinning and queueing). */
const UNQUEUED_AFTER_MS = 5 * 60_000;

function statusOf(row: ReportRow, now: Date): { status: ReportStatus; error?: ReportView['error'] } {
  if (!row.jobStatus) {
    if (now.getTime() - new Date(row.createdAt).getTime() > UNQUEUED_AFTER_MS)
      return {
        status: 'failed',
        error: { code: 'NotQueued', message: 'the report was never queued; regenerate it' },
      };
    return { status: 'queued' };
  }
  const error = row.jobError ? { code: row.jobError.code, message: row.jobError.message } : undefined;
  switch (row.jobStatus) {
    case 'queued':
    case 'running':
      return { status: row.jobStatus };
    case 'done':
      return { status: 'done' };
    case 'cancelled':
      return { status: 'cancelled', ...(error ? { error } : {}) };
    // A report interrupted by a stopped process failed as far as its reader is concerned.
    case 'failed':
    case 'interrupted':
      return {
        status: 'failed',
        error: error ?? { code: 'Failed', message: 'the report could not be made' },
      };
  }
}

export function toReportView(row: ReportRow, now: Date): ReportView {
  const { status, error } = statusOf(row, now);
  return {
    id: row.id,
    type: row.type,
    status,
    progress: status === 'done' ? 1 : Math.max(0, Math.min(1, row.jobProgress ?? 0)),
    ...(error ? { error } : {}),
    asOf: new Date(row.asOf).toISOString(),
    contentHash: row.contentHash,
    title: row.title,
    format: row.format,
    language: row.language,
    params: row.params,
    fileName: row.fileName,
    contentType: row.contentType,
    ...(row.fileSize !== null && status === 'done' ? { size: Number(row.fileSize) } : {}),
    lineageId: row.lineageId,
    version: row.version,
    regeneratedFrom: row.regeneratedFrom,
    scheduleId: row.scheduleId,
    visibility: row.visibility,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
  };
}
