import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AccessContext, Caller } from '@quartier/auth';
import { OutboxWriter } from '@quartier/messaging';
import type { NetworkInput, NetworkMetrics } from '@quartier/network-core';
import { JobFailure, JobRunner, type JobContext } from '@quartier/service-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { NetworkAccessService } from '../access/network-access.service';
import { actorsOfNetwork, graphActorsOfWave } from '../actors/actor.repository';
import type { NetworkRecord, WaveRow } from '../networks/network.dto';
import { findNetwork } from '../networks/network.repository';
import { findWave, lockWaveRevision, waveRevision } from '../networks/wave.repository';
import {
  METRICS_RUNNERS,
  NETWORK_CONNECTION,
  NETWORK_READERS,
  SYNC_METRICS_MAX_ACTORS,
} from '../network.constants';
import { NetworkServiceError } from '../network.errors';
import { computeMetrics, type ComputeProgress } from '@quartier/network-compute';
import { allTiesOfWave } from '../ties/tie.repository';
import { areaIndicators } from './area-indicators';
import { type CachedMetricsRow, currentMetrics, storeMetrics } from './wave-metrics.repository';
import {
  measuresKey,
  NETWORK_MEASURES,
  toMetricsJobView,
  type MetricsJobPayload,
  type MetricsJobResult,
} from './metrics-job';
import type { MeasureQuery, MetricsJobView, WaveMetricsView } from './metrics.dto';
import {
  isCanonical,
  optionsKey,
  waveNetworkInput,
  type MeasureOptions,
  type WaveGraphActor,
} from './wave-graph';

interface WaveSnapshot {
  revision: number;
  input: NetworkInput;
  actors: WaveGraphActor[];
}

/**
 * The measures of a wave: cached per wave revision and options, computed synchronously for small
 * networks and as a background job with progress for large ones. Storing a result of the
 * canonical options (all tie types, the network's weighting, seed 1) publishes
 * `network.metrics.computed` per area in the same transaction, for the indicator service.
 *
 * Large waves are measured by `network-measures` jobs of the service's JobRunner (one at a time
 * per process, each uses every core; any replica claims them and answers the progress poll).
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  constructor(
    @InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource,
    private readonly networks: NetworkAccessService,
    private readonly outbox: OutboxWriter,
    private readonly runner: JobRunner,
  ) {}

  onModuleInit(): void {
    this.runner.register(NETWORK_MEASURES, (payload, ctx) => this.runJob(payload, ctx));
  }

  /** Measures of a wave: from the cache, or computed now when the network is small. */
  async read(
    caller: Caller,
    networkId: string,
    waveId: string,
    query: MeasureQuery,
  ): Promise<WaveMetricsView> {
    const { access } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_READERS);
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
  ): Promise<{ snapshot: WaveSnapshot; cached: CachedMetricsRow }> {
    const snapshot = await this.snapshot(network, wave, options);
    if (snapshot.actors.length > SYNC_METRICS_MAX_ACTORS) {
      const job = await this.runner.findActive(
        NETWORK_MEASURES,
        measuresKey(wave.id, optionsKey(options), snapshot.revision),
      );
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
    caller: Caller,
    networkId: string,
    waveId: string,
    query: MeasureQuery,
  ): Promise<MetricsJobView> {
    const { tenantId, subject: createdBy } = caller;
    const network = await this.networks.network(caller, networkId, METRICS_RUNNERS);
    const wave = await this.networks.wave(network, waveId);
    const options = this.optionsOf(network, query);
    const payload: MetricsJobPayload = {
      networkId: network.id,
      waveId: wave.id,
      options,
      revision: wave.revision,
    };
    const who = { tenantId, createdBy };
    const cached = await this.cached(wave, options);
    const id = cached
      ? await this.runner.recordDone(NETWORK_MEASURES, { ...payload, revision: cached.revision }, who, {
          cached: true,
        })
      : await this.runner.enqueue(NETWORK_MEASURES, payload, {
          ...who,
          singletonKey: measuresKey(wave.id, optionsKey(options), wave.revision),
        });
    return this.job(caller, id);
  }

  async job(caller: Caller, jobId: string): Promise<MetricsJobView> {
    const { tenantId } = caller;
    const job = await this.runner.find<MetricsJobPayload, MetricsJobResult>(jobId, tenantId);
    if (!job || job.kind !== NETWORK_MEASURES.name)
      throw new NetworkServiceError('MetricsJobNotFound', `measure job ${jobId} not found`);
    // Whoever may read the network may follow its jobs.
    await this.networks.network(caller, job.payload.networkId, NETWORK_READERS);
    return toMetricsJobView(job);
  }

  /** The `network-measures` job: snapshot, compute with progress (stopping when asked), store. */
  private async runJob(payload: MetricsJobPayload, ctx: JobContext): Promise<MetricsJobResult> {
    const { network, wave } = await this.load(ctx.tenantId, payload);
    ctx.progress(0, { detail: { phase: 'loading' } });
    const snapshot = await this.snapshot(network, wave, payload.options);
    const size = { actors: snapshot.input.nodes?.length ?? 0, ties: snapshot.input.edges.length };
    ctx.progress(0, { detail: { phase: 'paths', ...size } });
    ctx.checkpoint();
    const started = Date.now();
    const metrics = await this.compute(snapshot, payload.options, {
      signal: ctx.signal,
      onProgress: (progress: ComputeProgress) =>
        ctx.progress(progress.fraction, { detail: { phase: progress.phase } }),
    });
    ctx.checkpoint();
    ctx.progress(1, { detail: { phase: 'storing' } });
    const stored = await this.store(network, wave, snapshot, payload.options, metrics, Date.now() - started);
    if (!stored)
      throw new JobFailure(
        'WaveChanged',
        'the wave changed during the computation; start the job again for the current state',
      );
    return { cached: false };
  }

  /** The job's network and wave, without a caller: access was checked when the job was started. */
  private async load(
    tenantId: string,
    payload: MetricsJobPayload,
  ): Promise<{ network: NetworkRecord; wave: WaveRow }> {
    const network = await findNetwork(this.db.manager, tenantId, payload.networkId);
    if (!network) throw new JobFailure('NetworkNotFound', `network ${payload.networkId} was deleted`);
    const wave = await findWave(this.db.manager, network.id, payload.waveId);
    if (!wave) throw new JobFailure('WaveNotFound', `wave ${payload.waveId} was deleted`);
    return { network, wave };
  }

  private optionsOf(network: NetworkRecord, query: MeasureQuery): MeasureOptions {
    return {
      types: query.types ?? null,
      weighted: query.weighted === undefined ? network.weighted : query.weighted === 'true',
      seed: query.seed,
    };
  }

  private async cached(wave: WaveRow, options: MeasureOptions): Promise<CachedMetricsRow | null> {
    return currentMetrics(this.db.manager, wave.id, optionsKey(options));
  }

  /** Actors, ties and revision of a wave, read consistently. */
  private async snapshot(
    network: NetworkRecord,
    wave: WaveRow,
    options: MeasureOptions,
  ): Promise<WaveSnapshot> {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const revision = await waveRevision(manager, wave.id);
      const actors = await graphActorsOfWave(manager, wave.id);
      const ties = await allTiesOfWave(manager, wave.id);
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
  ): Promise<CachedMetricsRow | null> {
    return this.db.transaction(async (manager: EntityManager) => {
      const current = await lockWaveRevision(manager, wave.id);
      if (current === null || current.revision !== snapshot.revision) return null;
      const stored = await storeMetrics(manager, {
        waveId: wave.id,
        optionsKey: optionsKey(options),
        tenantId: network.tenantId,
        revision: snapshot.revision,
        metrics,
        durationMs,
      });
      if (isCanonical(options, network.weighted)) {
        const indicators = areaIndicators(snapshot.input, snapshot.actors, metrics, network.areaId);
        await this.outbox.appendMany(
          manager,
          indicators.map(({ areaId, scope, metrics: values }) => ({
            type: 'network.metrics.computed' as const,
            payload: {
              tenantId: network.tenantId,
              networkId: network.id,
              waveId: wave.id,
              areaId,
              scope,
              period: current.observedOn,
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
    cached: CachedMetricsRow,
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
}
