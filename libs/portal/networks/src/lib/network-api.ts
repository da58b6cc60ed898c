import { Injectable, inject } from '@angular/core';
import { NetworkClient, type NetworkSchemas, type NetworkPaths } from '@quartier/portal-data-access';

// The network service's answers under the names the network pages use; every type comes from the
// service's OpenAPI document (libs/portal/data-access/src/generated/network.ts).

export type Network = NetworkSchemas['Network_Output'];
export type Wave = NetworkSchemas['NetworkWave_Output'];
export type Actor = NetworkSchemas['ActorListDto_Output']['items'][number];
export type Offering = Actor['offerings'][number];
export type Sector = NonNullable<Actor['sector']>;
export type Tie = NetworkSchemas['TieListDto_Output']['items'][number];
export type WaveMetrics = NetworkSchemas['WaveMetricsViewDto_Output'];
export type MeasuredActor = WaveMetrics['actors'][number];
export type MetricsJob = NetworkSchemas['MetricsJobViewDto_Output'];
export type WaveComparison = NetworkSchemas['WaveComparisonDto_Output'];
export type TieRef = WaveComparison['ties']['new'][number];
export type Resources = NetworkSchemas['ResourcesDto_Output'];
export type ResourceItem = Resources['items'][number];
export type ResourceArea = Resources['areas'][number];
export type ImportResult = NetworkSchemas['ImportResultDto_Output'];
/** One problem of a refused import (the 422's details), with its file and line. */
export type ImportProblem = NetworkSchemas['ImportProblemsDto_Output']['details']['errors'][number];
export type ImportOptions =
  NetworkPaths['/api/network/networks/{networkId}/waves/{waveId}/imports']['post']['parameters']['query'];

/** The network calls the network pages make (`/api/network`), over the generated client. */
@Injectable({ providedIn: 'root' })
export class NetworkApi {
  private readonly client = inject(NetworkClient);

  networks(): Promise<{ items: Network[]; total: number }> {
    return this.client.get('/api/network/networks');
  }

  actors(networkId: string, waveId: string): Promise<{ items: Actor[] }> {
    return this.client.get('/api/network/networks/{networkId}/actors', {
      path: { networkId },
      query: { waveId, limit: 5000 },
    });
  }

  ties(networkId: string, waveId: string): Promise<{ items: Tie[] }> {
    return this.client.get('/api/network/networks/{networkId}/waves/{waveId}/ties', {
      path: { networkId, waveId },
    });
  }

  metrics(networkId: string, waveId: string): Promise<WaveMetrics> {
    return this.client.get('/api/network/networks/{networkId}/waves/{waveId}/metrics', {
      path: { networkId, waveId },
    });
  }

  startMetricsJob(networkId: string, waveId: string): Promise<MetricsJob> {
    return this.client.post('/api/network/networks/{networkId}/waves/{waveId}/metrics/jobs', {
      path: { networkId, waveId },
    });
  }

  metricsJob(jobId: string): Promise<MetricsJob> {
    return this.client.get('/api/network/metrics-jobs/{jobId}', { path: { jobId } });
  }

  compare(networkId: string, from: string, to: string): Promise<WaveComparison> {
    return this.client.get('/api/network/networks/{networkId}/comparison', {
      path: { networkId },
      query: { from, to },
    });
  }

  resources(networkId: string): Promise<Resources> {
    return this.client.get('/api/network/resources', { query: { networkId } });
  }

  /** A GEXF or GraphML file into a wave, as it is (the service spools and parses it). */
  importFile(networkId: string, waveId: string, file: File, options: ImportOptions): Promise<ImportResult> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.client.upload(
      'post',
      '/api/network/networks/{networkId}/waves/{waveId}/imports',
      body,
      'multipart/form-data',
      { path: { networkId, waveId }, query: options },
    );
  }
}
