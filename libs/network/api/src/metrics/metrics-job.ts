import { defineJobKind, type JobView } from '@quartier/service-kit';
import type { MetricsJobView } from './metrics.dto';
import type { MeasureOptions } from './wave-graph';

export interface MetricsJobPayload {
  networkId: string;
  waveId: string;
  options: MeasureOptions;
  /** The wave revision the job measures; a newer revision needs a new job. */
  revision: number;
}

export interface MetricsJobResult {
  /** Answered from the cache without computing. */
  cached: boolean;
}

/**
 * A wave's measures computed in the background. Deterministic, so a run that failed for a
 * passing reason (a lost connection) is worth retrying.
 */
export const NETWORK_MEASURES = defineJobKind<MetricsJobPayload, MetricsJobResult>('network-measures', {
  retries: 2,
  retryDelaySeconds: 5,
  timeoutSeconds: 3 * 3600,
});

/** One active job per wave revision and options: a second request joins it. */
export function measuresKey(waveId: string, optionsKey: string, revision: number): string {
  return `${waveId}:${optionsKey}:${revision}`;
}

function phaseOf(job: JobView<MetricsJobPayload, MetricsJobResult>): string {
  switch (job.status) {
    case 'queued':
      return 'queued';
    case 'running':
      return String(job.detail['phase'] ?? 'loading');
    case 'done':
      return job.result?.cached ? 'cached' : 'done';
    default:
      return job.status === 'failed' ? 'failed' : job.status;
  }
}

/** The runner's job as the measures API has always shown it. */
export function toMetricsJobView(job: JobView<MetricsJobPayload, MetricsJobResult>): MetricsJobView {
  const { networkId, waveId, options } = job.payload;
  return {
    id: job.id,
    networkId,
    waveId,
    status: job.status === 'done' ? 'succeeded' : job.status,
    phase: phaseOf(job),
    progress: job.status === 'done' ? 1 : job.progress,
    actors: Number(job.detail['actors'] ?? 0),
    ties: Number(job.detail['ties'] ?? 0),
    message: job.error?.message ?? null,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    resultPath: `/api/network/networks/${networkId}/waves/${waveId}/metrics${queryOf(options)}`,
  };
}

function queryOf(options: MeasureOptions): string {
  const params = new URLSearchParams();
  if (options.types) params.set('types', options.types.join(','));
  params.set('weighted', String(options.weighted));
  params.set('seed', String(options.seed));
  return `?${params.toString()}`;
}
