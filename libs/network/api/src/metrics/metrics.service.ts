import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessContext } from '@quartier/auth';
import { OutboxWriter } from '@quartier/messaging';
import { NetworkInputError, type NetworkInput, type NetworkMetrics } from '@quartier/network-core';
import type { DataSource, EntityManager } from 'typeorm';
import { NetworkAccessService } from '../access/network-access.service';
import { actorsOfNetwork } from '../actors/actor-store';
import type { NetworkRecord, WaveRow } from '../networks/network.dto';
import {
  METRICS_RUNNERS,
  NETWORK_CONNECTION,
  NETWORK_READERS,
  SYNC_METRICS_MAX_ACTORS,
} from '../network.constants';
import { NetworkServiceError } from '../network.errors';
import { computeMetrics, type ComputeProgress } from '@quartier/network-compute';
import { TIE_COLUMNS, type TieRow } from '../ties/tie.dto';
import { areaIndicators } from './area-indicators';
import type { MeasureQuery, MetricsJobStatus, MetricsJobView, WaveMetricsView } from './metrics.dto';
import {
  isCanonical,
  optionsKey,
  waveNetworkInput,
  type MeasureOptions,
  type WaveGraphActor,
} from './wave-graph';

/** A running job that has not reported for this long is reported as failed (its process died). */
const STALLED_AFTER_MS = 5 * 60_000;
/** Progress is written at most this often (the portal polls about once a second). */
const PROGRESS_INTERVAL_MS = 250;

interface WaveSnapshot {
  revision: number;
  input: NetworkInput;
  actors: WaveGraphActor[];
}

interface CachedMetrics {
  revision: number;
  metrics: NetworkMetrics;
  durationMs: number;
  computedAt: string;
}

interface JobRow {
  id: string;
  tenantId: string;
  networkId: string;
  waveId: string;
  options: MeasureOptions;
  optionsKey: string;
  revision: number;
  status: MetricsJobStatus;
  phase: string;
  progress: number;
  actors: number;
  ties: number;
  message: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date;
}

const JOB_COLUMNS = `id, tenant_id AS "tenantId", network_id AS "networkId", wave_id AS "waveId", options, options_key AS "optionsKey",
  revision::int AS revision, status, phase, progress, actors, ties, message, created_at AS "createdAt", started_at AS "startedAt",
  finished_at AS "finishedAt", heartbeat_at AS "heartbeatAt"`;

/**
 * The measures of a wave: cached per wave revision and options, computed synchronously for small
 * networks and as a background job with progress for large ones. Storing a result of the
 * canonical options (all tie types, the network's weighting, seed 1) publishes
 * `network.metrics.computed` per area in the same transaction, for the indicator service.
 *
 * Jobs run one at a time in this process (each uses every core); their state lives in the
 * database, so any replica answers the progress poll.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsService.name);
  private queue: Promise<void> = Promise.resolve();
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<void>>();

  constructor(
    @InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource,
    private readonly networks: NetworkAccessService,
    private readonly outbox: OutboxWriter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.db.query(
      `UPDATE metrics_job SET status = 'failed', phase = 'failed', message = 'interrupted: the service stopped during the computation; start it again', finished_at = now()
        WHERE status IN ('queued', 'running') AND heartbeat_at < now() - $1 * interval '1 millisecond'`,
      [STALLED_AFTER_MS],
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort(new Error('the service is stopping'));
    await Promise.allSettled([...this.running]);
  }

  /** Measures of a wave: from the cache, or computed now when the network is small. */
  async read(
    access: AccessContext,
    tenantId: string,
    networkId: string,
    waveId: string,
    query: MeasureQuery,
  ): Promise<WaveMetricsView> {
    const network = await this.networks.network(access, tenantId, networkId, NETWORK_READERS);
    const wave = await this.networks.wave(network, waveId);
    const options = this.optionsOf(network, query);
    const cached =
      (await this.cached(wave, options)) ?? (await this.computeNow(network, wave, options)).cached;
    return this.present(access, network, wave, options, cached);
  }

  /**
   * The measured graph of a wave for analyses (comparison, ego networks): its input, and the
   * measures from the cache or computed now. Large uncached waves answer MetricsNotComputed.
   */
  async measured(
    network: NetworkRecord,
    wave: WaveRow,
    query: MeasureQuery,
  ): Promise<{ input: NetworkInput; metrics: NetworkMetrics }> {
    const options = this.optionsOf(network, query);
    const cached = await this.cached(wave, options);
    if (cached) {
      const snapshot = await this.snapshot(network, wave, options);
      if (snapshot.revision === cached.revision) return { input: snapshot.input, metrics: cached.metrics };
    }
    const fresh = await this.computeNow(network, wave, options);
    return { input: fresh.snapshot.input, metrics: fresh.cached.metrics };
  }

  /** Reads the wave graph without measuring it (ego networks measure their own small graph). */
  async waveInput(network: NetworkRecord, wave: WaveRow, query: MeasureQuery): Promise<NetworkInput> {
    return (await this.snapshot(network, wave, this.optionsOf(network, query))).input;
  }

  private async computeNow(
    network: NetworkRecord,
    wave: WaveRow,
    options: MeasureOptions,
  ): Promise<{ snapshot: WaveSnapshot; cached: CachedMetrics }> {
    const snapshot = await this.snapshot(network, wave, options);
    if (snapshot.actors.length > SYNC_METRICS_MAX_ACTORS) {
      const job = await this.activeJob(wave.id, optionsKey(options), snapshot.revision);
      throw new NetworkServiceError(
        'MetricsNotComputed',
        `wave "${wave.label}" has ${snapshot.actors.length} actors: start a measure job (POST …/waves/${wave.id}/metrics/jobs) and poll it`,
        { waveId: wave.id, actors: snapshot.actors.length, jobId: job?.id ?? null },
      );
    }
    const started = Date.now();
    const metrics = await this.compute(snapshot, options, { inThread: true });
    const durationMs = Date.now() - started;
    // A concurrent change moved the wave on: the result is still the truth of the snapshot read.
    const cached = (await this.store(network, wave, snapshot, options, metrics, durationMs)) ?? {
      revision: snapshot.revision,
      metrics,
      durationMs,
      computedAt: new Date().toISOString(),
    };
    return { snapshot, cached };
  }

  /** Starts (or joins, or answers from the cache) the background computation of a wave's measures. */
  async startJob(
    access: AccessContext,
    tenantId: string,
    createdBy: string,
    networkId: string,
    waveId: string,
    query: MeasureQuery,
  ): Promise<MetricsJobView> {
    const network = await this.networks.network(access, tenantId, networkId, METRICS_RUNNERS);
    const wave = await this.networks.wave(network, waveId);
    const options = this.optionsOf(network, query);
    const key = optionsKey(options);
    const cached = await this.cached(wave, options);
    if (cached) {
      const [row]: JobRow[] = await this.db.query(
        `INSERT INTO metrics_job (tenant_id, network_id, wave_id, options, options_key, revision, status, phase, progress, created_by, started_at, finished_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, 'succeeded', 'cached', 1, $7, now(), now()) RETURNING ${JOB_COLUMNS}`,
        [tenantId, network.id, wave.id, JSON.stringify(options), key, cached.revision, createdBy],
      );
      return this.jobView(row);
    }
    const active = await this.activeJob(wave.id, key, wave.revision);
    if (active) return this.jobView(active);
    const [row]: JobRow[] = await this.db.query(
      `INSERT INTO metrics_job (tenant_id, network_id, wave_id, options, options_key, revision, status, created_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, 'queued', $7) RETURNING ${JOB_COLUMNS}`,
      [tenantId, network.id, wave.id, JSON.stringify(options), key, wave.revision, createdBy],
    );
    const run = (this.queue = this.queue.then(() => this.run(row.id, network, wave, options)));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return this.jobView(row);
  }

  async job(access: AccessContext, tenantId: string, jobId: string): Promise<MetricsJobView> {
    const rows: JobRow[] = await this.db.query(
      `SELECT ${JOB_COLUMNS} FROM metrics_job WHERE id = $1 AND tenant_id = $2`,
      [jobId, tenantId],
    );
    if (rows.length === 0)
      throw new NetworkServiceError('MetricsJobNotFound', `measure job ${jobId} not found`);
    // Whoever may read the network may follow its jobs.
    await this.networks.network(access, tenantId, rows[0].networkId, NETWORK_READERS);
    return this.jobView(rows[0]);
  }

  /** Runs a job to its end; never throws (the outcome is in the job row). */
  private async run(
    jobId: string,
    network: NetworkRecord,
    wave: WaveRow,
    options: MeasureOptions,
  ): Promise<void> {
    let lastWrite = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const update = (
      fields: { phase: string; progress: number; actors?: number; ties?: number },
      force = false,
    ) => {
      const now = Date.now();
      if (!force && now - lastWrite < PROGRESS_INTERVAL_MS) return pending;
      lastWrite = now;
      pending = pending.then(() =>
        this.db.query(
          `UPDATE metrics_job SET phase = $2, progress = $3, actors = COALESCE($4, actors), ties = COALESCE($5, ties), heartbeat_at = now() WHERE id = $1`,
          [jobId, fields.phase, fields.progress, fields.actors ?? null, fields.ties ?? null],
        ),
      );
      return pending;
    };
    try {
      await this.db.query(
        `UPDATE metrics_job SET status = 'running', phase = 'loading', started_at = now(), heartbeat_at = now() WHERE id = $1`,
        [jobId],
      );
      const snapshot = await this.snapshot(network, wave, options);
      await update(
        {
          phase: 'paths',
          progress: 0,
          actors: snapshot.input.nodes?.length ?? 0,
          ties: snapshot.input.edges.length,
        },
        true,
      );
      const started = Date.now();
      const metrics = await this.compute(snapshot, options, {
        signal: this.stopping.signal,
        onProgress: (progress: ComputeProgress) =>
          void update({ phase: progress.phase, progress: progress.fraction }),
      });
      await update({ phase: 'storing', progress: 1 }, true);
      await pending;
      const stored = await this.store(network, wave, snapshot, options, metrics, Date.now() - started);
      await this.finish(
        jobId,
        stored ? 'succeeded' : 'failed',
        stored ? null : 'the wave changed during the computation; start the job again for the current state',
      );
    } catch (error) {
      await pending.catch(() => undefined);
      const message =
        error instanceof NetworkServiceError || error instanceof NetworkInputError
          ? error.message
          : `computation failed: ${(error as Error).message}`;
      if (!(error instanceof NetworkServiceError || error instanceof NetworkInputError))
        this.logger.error((error as Error).stack ?? String(error));
      await this.finish(jobId, 'failed', message).catch((e: unknown) =>
        this.logger.error(`cannot record the failure of job ${jobId}: ${String(e)}`),
      );
    }
  }

  private async finish(jobId: string, status: 'succeeded' | 'failed', message: string | null): Promise<void> {
    await this.db.query(
      `UPDATE metrics_job SET status = $2, phase = CASE WHEN $2 = 'succeeded' THEN 'done' ELSE 'failed' END, progress = CASE WHEN $2 = 'succeeded' THEN 1 ELSE progress END,
         message = $3, finished_at = now(), heartbeat_at = now() WHERE id = $1`,
      [jobId, status, message],
    );
  }

  private optionsOf(network: NetworkRecord, query: MeasureQuery): MeasureOptions {
    return {
      types: query.types ?? null,
      weighted: query.weighted === undefined ? network.weighted : query.weighted === 'true',
      seed: query.seed,
    };
  }

  private async cached(wave: WaveRow, options: MeasureOptions): Promise<CachedMetrics | null> {
    const rows: CachedMetrics[] = await this.db.query(
      `SELECT m.revision::int AS revision, m.metrics, m.duration_ms AS "durationMs", m.computed_at AS "computedAt"
         FROM wave_metrics m JOIN wave w ON w.id = m.wave_id AND w.revision = m.revision
        WHERE m.wave_id = $1 AND m.options_key = $2`,
      [wave.id, optionsKey(options)],
    );
    return rows[0] ?? null;
  }

  private async activeJob(waveId: string, key: string, revision: number): Promise<JobRow | null> {
    const rows: JobRow[] = await this.db.query(
      `SELECT ${JOB_COLUMNS} FROM metrics_job WHERE wave_id = $1 AND options_key = $2 AND revision = $3 AND status IN ('queued', 'running')
         AND heartbeat_at > now() - $4 * interval '1 millisecond' ORDER BY created_at DESC LIMIT 1`,
      [waveId, key, revision, STALLED_AFTER_MS],
    );
    return rows[0] ?? null;
  }

  /** Actors, ties and revision of a wave, read consistently. */
  private async snapshot(
    network: NetworkRecord,
    wave: WaveRow,
    options: MeasureOptions,
  ): Promise<WaveSnapshot> {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const [{ revision }]: { revision: number }[] = await manager.query(
        `SELECT revision::int AS revision FROM wave WHERE id = $1`,
        [wave.id],
      );
      const actors: WaveGraphActor[] = await manager.query(
        `SELECT a.id, a.sector, a.area_id AS "areaId" FROM actor a JOIN wave_actor wa ON wa.actor_id = a.id WHERE wa.wave_id = $1`,
        [wave.id],
      );
      const ties: TieRow[] = await manager.query(`SELECT ${TIE_COLUMNS} FROM tie t WHERE t.wave_id = $1`, [
        wave.id,
      ]);
      return { revision, actors, input: waveNetworkInput(actors, ties, network, options) };
    });
  }

  private compute(
    snapshot: WaveSnapshot,
    options: MeasureOptions,
    extra: { inThread?: boolean; signal?: AbortSignal; onProgress?: (p: ComputeProgress) => void },
  ): Promise<NetworkMetrics> {
    return computeMetrics(snapshot.input, { seed: options.seed, ...extra });
  }

  /**
   * Stores the result if the wave is still at the computed revision; publishes the per-area
   * indicator event for canonical options. Returns null when the wave moved on meanwhile.
   */
  private async store(
    network: NetworkRecord,
    wave: WaveRow,
    snapshot: WaveSnapshot,
    options: MeasureOptions,
    metrics: NetworkMetrics,
    durationMs: number,
  ): Promise<CachedMetrics | null> {
    return this.db.transaction(async (manager: EntityManager) => {
      const rows: { revision: number; observedOn: string }[] = await manager.query(
        `SELECT revision::int AS revision, to_char(observed_on, 'YYYY-MM-DD') AS "observedOn" FROM wave WHERE id = $1 FOR UPDATE`,
        [wave.id],
      );
      if (rows.length === 0 || rows[0].revision !== snapshot.revision) return null;
      const [stored]: { computedAt: string }[] = await manager.query(
        `INSERT INTO wave_metrics (wave_id, options_key, tenant_id, revision, metrics, duration_ms) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (wave_id, options_key) DO UPDATE SET revision = EXCLUDED.revision, metrics = EXCLUDED.metrics, duration_ms = EXCLUDED.duration_ms, computed_at = now()
         RETURNING computed_at AS "computedAt"`,
        [
          wave.id,
          optionsKey(options),
          network.tenantId,
          snapshot.revision,
          JSON.stringify(metrics),
          Math.round(durationMs),
        ],
      );
      if (isCanonical(options, network.weighted)) {
        const indicators = areaIndicators(snapshot.input, snapshot.actors, metrics, network.areaId);
        await this.outbox.appendMany(
          manager,
          indicators.map(({ areaId, metrics: values }) => ({
            type: 'network.metrics.computed' as const,
            payload: {
              tenantId: network.tenantId,
              networkId: network.id,
              waveId: wave.id,
              areaId,
              period: rows[0].observedOn,
              metrics: values,
            },
            meta: { tenantId: network.tenantId, key: areaId ?? network.id },
          })),
        );
      }
      return {
        revision: snapshot.revision,
        metrics,
        durationMs: Math.round(durationMs),
        computedAt: stored.computedAt,
      };
    });
  }

  private async present(
    access: AccessContext,
    network: NetworkRecord,
    wave: WaveRow,
    options: MeasureOptions,
    cached: CachedMetrics,
  ): Promise<WaveMetricsView> {
    const actors = await actorsOfNetwork(this.db.manager, network.id, wave.id);
    const disclosure = await this.networks.disclosure(access, network, actors);
    return {
      networkId: network.id,
      waveId: wave.id,
      revision: cached.revision,
      options: {
        types: options.types ? [...options.types] : null,
        weighted: options.weighted,
        seed: options.seed,
      },
      computedAt: new Date(cached.computedAt).toISOString(),
      durationMs: cached.durationMs,
      graph: cached.metrics.graph,
      actors: actors.map((actor) => ({
        id: actor.id,
        name: disclosure.nameOf(actor),
        kind: actor.kind,
        sector: actor.sector,
        field: actor.field,
        areaId: actor.areaId,
        identityHidden: !disclosure.reveals(actor),
        ...(cached.metrics.nodes[actor.id] ?? {}),
      })),
    };
  }

  private jobView(row: JobRow): MetricsJobView {
    const stalled =
      row.status === 'running' && Date.now() - new Date(row.heartbeatAt).getTime() > STALLED_AFTER_MS;
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      id: row.id,
      networkId: row.networkId,
      waveId: row.waveId,
      status: stalled ? 'failed' : row.status,
      phase: stalled ? 'failed' : row.phase,
      progress: row.progress,
      actors: row.actors,
      ties: row.ties,
      message: stalled
        ? 'the computation stopped reporting (the service restarted?); start it again'
        : row.message,
      createdAt: new Date(row.createdAt).toISOString(),
      startedAt: iso(row.startedAt),
      finishedAt: iso(row.finishedAt),
      resultPath: `/api/network/networks/${row.networkId}/waves/${row.waveId}/metrics${queryOf(row.options)}`,
    };
  }
}

function queryOf(options: MeasureOptions): string {
  const params = new URLSearchParams();
  if (options.types) params.set('types', options.types.join(','));
  params.set('weighted', String(options.weighted));
  params.set('seed', String(options.seed));
  return `?${params.toString()}`;
}
