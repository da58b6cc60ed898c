import { createZodDto } from 'nestjs-zod';
import { areaImportOptionsSchema, type AreaImportOptions, type FeatureError } from '@quartier/registry-core';
import { defineJobKind, type JobView } from '@quartier/service-kit';

export class AreaImportQueryDto extends createZodDto(areaImportOptionsSchema) {}

export type AreaImportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface AreaImportPayload {
  options: AreaImportOptions;
  /** The spooled upload (or, for seeders, the file itself). */
  file: string;
  bytesTotal: number;
  sha256: string | null;
}

export interface AreaImportResult {
  created: number;
  updated: number;
}

/** GeoJSON imports: all-or-nothing, so never retried (bad input never heals). */
export const AREA_IMPORT = defineJobKind<AreaImportPayload, AreaImportResult>('area-import', {
  retries: 0,
  local: true,
});

export interface AreaImportJob {
  id: string;
  status: AreaImportStatus;
  level: string;
  processed: number;
  /** Share of the uploaded bytes parsed so far, 0…1: the progress bar. */
  progress: number;
  created: number;
  updated: number;
  errors: FeatureError[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The runner's job as the area import API has always shown it. */
export function toAreaImportJob(job: JobView<AreaImportPayload, AreaImportResult>): AreaImportJob {
  const done = job.status === 'done';
  const details = (job.error?.details ?? null) as { errors?: FeatureError[] } | null;
  return {
    id: job.id,
    status: job.status === 'done' ? 'succeeded' : job.status,
    level: job.payload.options.level,
    processed: job.rows,
    progress: done || job.status === 'failed' ? 1 : job.progress,
    created: job.result?.created ?? 0,
    updated: job.result?.updated ?? 0,
    errors: details?.errors ?? [],
    message: done ? null : (job.error?.message ?? null),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}
