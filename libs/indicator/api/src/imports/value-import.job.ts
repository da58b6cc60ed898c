import type { RowError } from '@quartier/indicator-core';
import { defineJobKind, type JobView } from '@quartier/service-kit';
import type { ImportFormat } from './import-formats';

export interface ValueImportPayload {
  format: ImportFormat;
  fileName: string | null;
  /** The spooled upload (or, for seeders, the file itself). */
  file: string;
  bytesTotal: number;
  sha256: string | null;
  /** Dimension mapping of an SDMX-CSV or JSON-stat file (`dim=role|value,…`). */
  map?: string | null;
  /** Where the file comes from: its mapping is saved under this name when the import succeeds. */
  source?: string | null;
}

export interface ValueImportResult {
  observations: number;
  rowsRead: number;
  indicators: string[];
  message: string;
}

/** What a failed import keeps besides its message: every bad row (the first 1,000) and their count. */
export interface ValueImportFailure {
  errors: RowError[];
  errorCount: number;
}

/** Imports are not retried: bad input never heals, and a file is all-or-nothing. */
export const VALUE_IMPORT = defineJobKind<ValueImportPayload, ValueImportResult>('value-import', {
  retries: 0,
  local: true,
  concurrency: 2,
});

export type ValueImportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface ValueImportJob {
  id: string;
  format: ImportFormat;
  fileName: string | null;
  map: string | null;
  source: string | null;
  status: ValueImportStatus;
  /** Share of the file read, 0…1 (the progress bar). */
  progress: number;
  bytesTotal: number;
  bytesRead: number;
  rowsRead: number;
  observations: number;
  errorCount: number;
  errors: RowError[];
  indicators: string[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The runner's job as the import API has always shown it ("succeeded", bytes, rows, row errors). */
export function toValueImportJob(job: JobView<ValueImportPayload, ValueImportResult>): ValueImportJob {
  const done = job.status === 'done';
  const ended = done || job.status === 'failed';
  const failure = (job.error?.details ?? null) as Partial<ValueImportFailure> | null;
  const bytesRead = done ? job.payload.bytesTotal : Number(job.detail['bytesRead'] ?? 0);
  return {
    id: job.id,
    format: job.payload.format,
    fileName: job.payload.fileName,
    map: job.payload.map ?? null,
    source: job.payload.source ?? null,
    status: job.status === 'done' ? 'succeeded' : job.status,
    progress: ended ? 1 : job.progress,
    bytesTotal: job.payload.bytesTotal,
    bytesRead,
    rowsRead: done ? (job.result?.rowsRead ?? job.rows) : job.rows,
    observations: done
      ? (job.result?.observations ?? 0)
      : job.status === 'running'
        ? Number(job.detail['observations'] ?? 0)
        : 0,
    errorCount: failure?.errorCount ?? 0,
    errors: failure?.errors ?? [],
    indicators: job.result?.indicators ?? [],
    message: done ? (job.result?.message ?? null) : (job.error?.message ?? null),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}
