import type { Expect, MethodAnswersExactly as Exactly } from '@quartier/service-kit';
import type { actorListSchema, actorWithWavesSchema } from './actors/actor.dto';
import type { ActorsService } from './actors/actors.service';
import type { egoViewSchema, resourcesSchema, waveComparisonSchema } from './analysis/analysis.dto';
import type { AnalysisService } from './analysis/analysis.service';
import type { importResultSchema } from './interchange/interchange.dto';
import type { InterchangeService } from './interchange/interchange.service';
import type { metricsJobViewSchema, waveMetricsViewSchema } from './metrics/metrics.dto';
import type { MetricsService } from './metrics/metrics.service';
import type { networkListSchema, networkViewSchema, waveViewSchema } from './networks/network.dto';
import type { NetworksService } from './networks/networks.service';
import type { tieListSchema, tieRowSchema } from './ties/tie.dto';
import type { TiesService } from './ties/ties.service';

// Compile-time proof that the network routes answer exactly what their response schemas document
// (docs/adr/0007-generated-portal-clients.md): the portal's types are generated from those
// schemas, so a field the service adds or changes without them fails here.

export type _Networks = Expect<Exactly<NetworksService['list'], typeof networkListSchema>>;
export type _Network = Expect<Exactly<NetworksService['get'], typeof networkViewSchema>>;
export type _CreateNetwork = Expect<Exactly<NetworksService['create'], typeof networkViewSchema>>;
export type _UpdateNetwork = Expect<Exactly<NetworksService['update'], typeof networkViewSchema>>;
export type _CreateWave = Expect<Exactly<NetworksService['createWave'], typeof waveViewSchema>>;
export type _UpdateWave = Expect<Exactly<NetworksService['updateWave'], typeof waveViewSchema>>;
export type _Actors = Expect<Exactly<ActorsService['list'], typeof actorListSchema>>;
export type _Actor = Expect<Exactly<ActorsService['get'], typeof actorWithWavesSchema>>;
export type _CreateActor = Expect<Exactly<ActorsService['create'], typeof actorWithWavesSchema>>;
export type _UpdateActor = Expect<Exactly<ActorsService['update'], typeof actorWithWavesSchema>>;
export type _Ties = Expect<Exactly<TiesService['list'], typeof tieListSchema>>;
export type _CreateTie = Expect<Exactly<TiesService['create'], typeof tieRowSchema>>;
export type _UpdateTie = Expect<Exactly<TiesService['update'], typeof tieRowSchema>>;
export type _Metrics = Expect<Exactly<MetricsService['read'], typeof waveMetricsViewSchema>>;
export type _StartJob = Expect<Exactly<MetricsService['startJob'], typeof metricsJobViewSchema>>;
export type _Job = Expect<Exactly<MetricsService['job'], typeof metricsJobViewSchema>>;
export type _Compare = Expect<Exactly<AnalysisService['compare'], typeof waveComparisonSchema>>;
export type _Ego = Expect<Exactly<AnalysisService['ego'], typeof egoViewSchema>>;
export type _Resources = Expect<Exactly<AnalysisService['resources'], typeof resourcesSchema>>;
export type _Import = Expect<Exactly<InterchangeService['import'], typeof importResultSchema>>;
