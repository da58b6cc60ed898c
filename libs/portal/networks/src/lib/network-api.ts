import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { PORTAL_CONFIG } from '@quartier/portal-data-access';
import { firstValueFrom } from 'rxjs';

export type Sector = 'public-administration' | 'welfare' | 'civil-society' | 'business' | 'residents';
export const SECTORS: readonly Sector[] = [
  'public-administration',
  'welfare',
  'civil-society',
  'business',
  'residents',
];

export interface Wave {
  id: string;
  label: string;
  observedOn: string;
  revision: number;
  actors: number;
  ties: number;
}

export interface Network {
  id: string;
  name: string;
  description: string | null;
  areaId: string | null;
  programmeId: string | null;
  directed: boolean;
  weighted: boolean;
  area: { id: string; code: string; name: string; level: string } | null;
  waves: Wave[];
  actors: number;
  editable: boolean;
}

export interface Offering {
  type: string;
  description: string;
}

export interface Actor {
  id: string;
  name: string;
  kind: 'organisation' | 'person';
  sector: Sector | null;
  field: string | null;
  areaId: string | null;
  point: { lon: number; lat: number } | null;
  offerings: Offering[];
  identityHidden: boolean;
}

export interface Tie {
  id: string;
  sourceActorId: string;
  targetActorId: string;
  directed: boolean;
  type: string;
  weight: number;
}

export interface MeasuredActor {
  id: string;
  name: string;
  sector: Sector | null;
  field: string | null;
  identityHidden: boolean;
  degree?: number;
  betweenness?: number;
  closeness?: number;
  harmonic?: number;
  pagerank?: number;
  eigenvector?: number;
  clustering?: number;
  constraint?: number | null;
  effectiveSize?: number | null;
  community?: number;
  strength?: number;
}

export interface WaveMetrics {
  waveId: string;
  computedAt: string;
  graph: {
    nodes: number;
    edges: number;
    density: number;
    components: number;
    modularity?: number;
    communities?: number;
    averagePathLength?: number;
    transitivity?: number;
    isolates?: string[];
    eiIndex?: { graph: { index: number | null; crossSectorShare: number | null } };
    /** Measures left out for this wave → why (network-core's words). */
    omitted?: Record<string, string>;
  };
  actors: MeasuredActor[];
}

export interface MetricsJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  phase: string;
  progress: number;
  message: string | null;
}

export interface TieRef {
  source: string;
  target: string;
}

export interface WaveComparison {
  actors: { new: string[]; lost: string[]; stable: string[] };
  ties: { new: TieRef[]; lost: TieRef[]; stable: TieRef[] };
  graph: Record<string, { before: number | null; after: number | null; change: number | null }>;
  actorInfo: Record<string, { id: string; name: string; sector: Sector | null }>;
}

export interface ResourceItem {
  actorId: string;
  name: string;
  sector: Sector | null;
  field: string | null;
  area: { id: string; code: string; name: string } | null;
  point: { lon: number; lat: number } | null;
  offerings: Offering[];
}

export interface ResourceArea {
  area: { id: string; code: string; name: string } | null;
  actors: number;
  byType: Record<string, number>;
  byField: Record<string, number>;
}

/** Typed client of the network service (`/api/network`). */
@Injectable({ providedIn: 'root' })
export class NetworkApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(PORTAL_CONFIG).apiBaseUrl}/api/network`;

  networks(): Promise<{ items: Network[]; total: number }> {
    return firstValueFrom(this.http.get<{ items: Network[]; total: number }>(`${this.base}/networks`));
  }

  actors(networkId: string, waveId: string): Promise<{ items: Actor[] }> {
    return firstValueFrom(
      this.http.get<{ items: Actor[] }>(`${this.base}/networks/${networkId}/actors`, {
        params: new HttpParams().set('waveId', waveId).set('limit', 5000),
      }),
    );
  }

  ties(networkId: string, waveId: string): Promise<{ items: Tie[] }> {
    return firstValueFrom(
      this.http.get<{ items: Tie[] }>(`${this.base}/networks/${networkId}/waves/${waveId}/ties`),
    );
  }

  metrics(networkId: string, waveId: string): Promise<WaveMetrics> {
    return firstValueFrom(
      this.http.get<WaveMetrics>(`${this.base}/networks/${networkId}/waves/${waveId}/metrics`),
    );
  }

  startMetricsJob(networkId: string, waveId: string): Promise<MetricsJob> {
    return firstValueFrom(
      this.http.post<MetricsJob>(`${this.base}/networks/${networkId}/waves/${waveId}/metrics/jobs`, null),
    );
  }

  metricsJob(id: string): Promise<MetricsJob> {
    return firstValueFrom(this.http.get<MetricsJob>(`${this.base}/metrics-jobs/${id}`));
  }

  compare(networkId: string, from: string, to: string): Promise<WaveComparison> {
    return firstValueFrom(
      this.http.get<WaveComparison>(`${this.base}/networks/${networkId}/comparison`, {
        params: new HttpParams().set('from', from).set('to', to),
      }),
    );
  }

  resources(networkId: string): Promise<{ items: ResourceItem[]; areas: ResourceArea[] }> {
    return firstValueFrom(
      this.http.get<{ items: ResourceItem[]; areas: ResourceArea[] }>(`${this.base}/resources`, {
        params: new HttpParams().set('networkId', networkId),
      }),
    );
  }
}
