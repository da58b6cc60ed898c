import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canAct, type Caller } from '@quartier/auth';
import type { Sector } from '@quartier/contracts';
import {
  buildNetworkGraph,
  compareWaves,
  egoNetwork,
  type NetworkMetrics,
  type WaveComparison,
} from '@quartier/network-core';
import type { DataSource } from 'typeorm';
import { networkTarget } from '../access/network-access';
import { NetworkAccessService, type Disclosure } from '../access/network-access.service';
import type { ActorRow, Offering } from '../actors/actor.dto';
import { actorsOfNetwork, actorsWithOfferings } from '../actors/actor.repository';
import type { MeasureQuery } from '../metrics/metrics.dto';
import { MetricsService } from '../metrics/metrics.service';
import type { NetworkRecord, WaveRow } from '../networks/network.dto';
import { listNetworks } from '../networks/network.repository';
import { NETWORK_CONNECTION, NETWORK_READERS } from '../network.constants';
import { NetworkServiceError } from '../network.errors';

export interface ActorSummary {
  id: string;
  name: string;
  sector: Sector | null;
  field: string | null;
  areaId: string | null;
  identityHidden: boolean;
}

export interface WaveComparisonView extends WaveComparison {
  from: WaveRow;
  to: WaveRow;
  /** Every actor named in the comparison, as this caller may see it. */
  actorInfo: Record<string, ActorSummary>;
}

export interface EgoView {
  waveId: string;
  ego: ActorSummary;
  alters: ActorSummary[];
  ties: { source: string; target: string; weight: number }[];
  metrics: NetworkMetrics;
}

export interface ResourceItem {
  actorId: string;
  networkId: string;
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

@Injectable()
export class AnalysisService {
  constructor(
    @InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource,
    private readonly networks: NetworkAccessService,
    private readonly metrics: MetricsService,
  ) {}

  /** New, lost and stable actors and ties between two waves, and the change of every measure. */
  async compare(
    caller: Caller,
    networkId: string,
    query: MeasureQuery & { from: string; to: string },
  ): Promise<WaveComparisonView> {
    const { access } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_READERS);
    const from = await this.networks.wave(network, query.from);
    const to = await this.networks.wave(network, query.to);
    const before = await this.metrics.measured(network, from, query);
    const after = await this.metrics.measured(network, to, query);
    const comparison = compareWaves(
      { graph: buildNetworkGraph(before.input), metrics: before.metrics },
      { graph: buildNetworkGraph(after.input), metrics: after.metrics },
    );
    const actors = await actorsOfNetwork(this.db.manager, network.id);
    const disclosure = await this.networks.disclosure(access, network, actors);
    const named = new Set([...comparison.actors.new, ...comparison.actors.lost, ...comparison.actors.stable]);
    const actorInfo: Record<string, ActorSummary> = {};
    for (const actor of actors) if (named.has(actor.id)) actorInfo[actor.id] = summary(actor, disclosure);
    return { ...comparison, from, to, actorInfo };
  }

  /** The first-order ego network of an actor in a wave, with its own measures. */
  async ego(
    caller: Caller,
    networkId: string,
    waveId: string,
    actorId: string,
    query: MeasureQuery,
  ): Promise<EgoView> {
    const { access } = caller;
    const network = await this.networks.network(caller, networkId, NETWORK_READERS);
    const wave = await this.networks.wave(network, waveId);
    const input = await this.metrics.waveInput(network, wave, query);
    const graph = buildNetworkGraph(input);
    if (!graph.indexOf.has(actorId))
      throw new NetworkServiceError('ActorNotFound', `actor ${actorId} is not part of wave "${wave.label}"`);
    const ego = egoNetwork(graph, actorId, { seed: query.seed });
    const actors = await actorsOfNetwork(this.db.manager, network.id, wave.id);
    const byId = new Map(actors.map((a) => [a.id, a]));
    const disclosure = await this.networks.disclosure(access, network, actors);
    const ties = [];
    for (let e = 0; e < ego.network.m; e++) {
      ties.push({
        source: ego.network.ids[ego.network.edgeSources[e]],
        target: ego.network.ids[ego.network.edgeTargets[e]],
        weight: ego.network.edgeWeights[e],
      });
    }
    return {
      waveId: wave.id,
      ego: summary(byId.get(actorId) as ActorRow, disclosure),
      alters: ego.alters.map((id) => summary(byId.get(id) as ActorRow, disclosure)),
      ties,
      metrics: ego.metrics,
    };
  }

  /**
   * The resource map: what actors offer (rooms, services, know-how …), by area and field, across
   * the networks the caller may read — the "hidden resources" of an area.
   */
  async resources(
    caller: Caller,
    query: { areaId?: string; field?: string; type?: string; networkId?: string },
  ): Promise<{ items: ResourceItem[]; areas: ResourceArea[] }> {
    const { access, tenantId } = caller;
    const networks = await listNetworks(this.db.manager, tenantId, {
      ...(query.networkId ? { networkId: query.networkId } : {}),
    });
    const readable = networks.filter((n) =>
      canAct(access.principal, access.assignments, NETWORK_READERS, networkTarget(n)),
    );
    if (readable.length === 0) return { items: [], areas: [] };
    const rows = await actorsWithOfferings(
      this.db.manager,
      readable.map((n) => n.id),
      {
        ...(query.areaId ? { areaId: query.areaId } : {}),
        ...(query.field ? { field: query.field } : {}),
        ...(query.type ? { type: query.type } : {}),
      },
    );
    const networkById = new Map(readable.map((n) => [n.id, n]));
    const disclosures = new Map<string, Disclosure>();
    for (const network of readable) {
      const own = rows.filter((r) => r.networkId === network.id);
      if (own.length > 0)
        disclosures.set(
          network.id,
          await this.networks.disclosure(access, networkById.get(network.id) as NetworkRecord, own),
        );
    }
    const items: ResourceItem[] = rows.map((row) => {
      const view = (disclosures.get(row.networkId) as Disclosure).present(row);
      const offerings = query.type ? row.offerings.filter((o) => o.type === query.type) : row.offerings;
      return {
        actorId: row.id,
        networkId: row.networkId,
        name: view.name,
        sector: row.sector,
        field: row.field,
        area:
          row.areaId && row.areaCode
            ? { id: row.areaId, code: row.areaCode, name: row.areaName as string }
            : null,
        point: view.point,
        offerings,
      };
    });
    const areas = new Map<string, ResourceArea>();
    for (const item of items) {
      const key = item.area?.id ?? '';
      const entry = areas.get(key) ?? { area: item.area, actors: 0, byType: {}, byField: {} };
      entry.actors += 1;
      for (const offering of item.offerings)
        entry.byType[offering.type] = (entry.byType[offering.type] ?? 0) + 1;
      const field = item.field ?? 'ohne Handlungsfeld';
      entry.byField[field] = (entry.byField[field] ?? 0) + item.offerings.length;
      areas.set(key, entry);
    }
    return { items, areas: [...areas.values()] };
  }
}

function summary(actor: ActorRow, disclosure: Disclosure): ActorSummary {
  return {
    id: actor.id,
    name: disclosure.nameOf(actor),
    sector: actor.sector,
    field: actor.field,
    areaId: actor.areaId,
    identityHidden: !disclosure.reveals(actor),
  };
}
