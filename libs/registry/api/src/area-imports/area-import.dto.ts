import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  areaImportOptionsSchema,
  FEATURE_PROBLEM_CODES,
  type AreaImportOptions,
  type FeatureError,
  type FeatureProblemCode,
} from '@quartier/registry-core';
import { defineJobKind, orNull, type JobView } from '@quartier/service-kit';
import type { AreaFileProblem } from './feature-stream';

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

/** A refused feature as the API shows it (see withCode). */
export interface AreaImportFeatureError extends Omit<FeatureError, 'code'> {
  readonly code: FeatureProblemCode | 'Unclassified';
}

export interface AreaImportJob {
  id: string;
  status: AreaImportStatus;
  level: string;
  processed: number;
  /** Share of the uploaded bytes parsed so far, 0…1: the progress bar. */
  progress: number;
  created: number;
  updated: number;
  errors: AreaImportFeatureError[];
  fileProblem: AreaFileProblem | null;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The runner's job as the area import API has always shown it. */
export function toAreaImportJob(job: JobView<AreaImportPayload, AreaImportResult>): AreaImportJob {
  const done = job.status === 'done';
  const details = (job.error?.details ?? null) as {
    errors?: StoredFeatureError[];
    file?: AreaFileProblem | null;
  } | null;
  return {
    id: job.id,
    status: job.status === 'done' ? 'succeeded' : job.status,
    level: job.payload.options.level,
    processed: job.rows,
    progress: done || job.status === 'failed' ? 1 : job.progress,
    created: job.result?.created ?? 0,
    updated: job.result?.updated ?? 0,
    errors: (details?.errors ?? []).map(withCode),
    fileProblem: details?.file ?? null,
    message: done ? null : (job.error?.message ?? null),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

/**
 * A stored feature error as the API shows it. Jobs that failed before errors carried a code keep
 * only their English reason: they answer `Unclassified`, which the portal words generally.
 */
function withCode(error: StoredFeatureError): AreaImportFeatureError {
  return { ...error, code: error.code ?? 'Unclassified', params: error.params ?? {} };
}

type StoredFeatureError = Pick<FeatureError, 'feature' | 'reason'> & Partial<FeatureError>;

// Response schema (docs/adr/0007-generated-portal-clients.md); registry-answers.dto.ts proves
// the service answers what it documents.
export const areaImportJobSchema = z.object({
  id: z.uuid(),
  /** `interrupted`: the service stopped while the import ran (nothing kept; import the file again). */
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']),
  level: z.string(),
  /** Features read so far. */
  processed: z.number().int(),
  /** Share of the uploaded bytes parsed so far, 0…1: the progress bar. */
  progress: z.number(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Every feature that was refused (0-based index in the collection), all-or-nothing. */
  errors: z.array(
    z.object({
      feature: z.number().int(),
      /** Why, stable (e.g. DuplicateCode, RingNotClosed): the portal words the reason by this. */
      code: z.enum([...FEATURE_PROBLEM_CODES, 'Unclassified']),
      /** The values the reason names (property, code, ring, position, …), for a worded sentence. */
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      /** The same in English, for logs and API clients. */
      reason: z.string(),
    }),
  ),
  /** Why the file as a whole was refused, stable (the portal words it by this). */
  fileProblem: orNull(
    z.enum(['NotJson', 'NotFeatureCollection', 'NoFeatures']),
    'null: no problem of the whole file',
  ),
  /** Why a job failed as a whole (e.g. unreadable JSON), beyond per-feature errors. */
  message: orNull(z.string(), 'null: no failure of the whole job'),
  createdAt: z.string(),
  finishedAt: orNull(z.string(), 'null: still queued or running'),
});
export class AreaImportJobDto extends createZodDto(areaImportJobSchema) {}
