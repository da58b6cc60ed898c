import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertCanAct, canAct, type AccessContext, type Caller } from '@quartier/auth';
import type { Role } from '@quartier/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorRow, ActorView } from '../actors/actor.dto';
import { ancestorsByArea } from '../areas/area-ref.repository';
import type { NetworkRecord, WaveRow } from '../networks/network.dto';
import { findNetwork } from '../networks/network.repository';
import { findWave } from '../networks/wave.repository';
import { NETWORK_CONNECTION, NETWORK_EDITORS } from '../network.constants';
import { NetworkServiceError } from '../network.errors';
import { mayReadNames, networkTarget, pseudonymOf } from './network-access';

/** Decides per actor whether this caller sees its identity, and presents actors accordingly. */
export interface Disclosure {
  reveals(actor: Pick<ActorRow, 'pseudonymised' | 'areaId'>): boolean;
  present(actor: ActorRow): ActorView;
  /** The name this caller may see. */
  nameOf(actor: Pick<ActorRow, 'id' | 'name' | 'pseudonymised' | 'areaId'>): string;
}

/**
 * Loads networks and waves for a request and enforces tenant, role and area/programme scope on
 * them (the guard cannot: the area is only known once the network is loaded). Another tenant's
 * network answers 404, like an unknown one.
 */
@Injectable()
export class NetworkAccessService {
  constructor(@InjectDataSource(NETWORK_CONNECTION) private readonly db: DataSource) {}

  async network(
    caller: Pick<Caller, 'access' | 'tenantId'>,
    networkId: string,
    roles: readonly Role[],
    manager: EntityManager = this.db.manager,
  ): Promise<NetworkRecord> {
    const network = await findNetwork(manager, caller.tenantId, networkId);
    if (!network) throw new NetworkServiceError('NetworkNotFound', `network ${networkId} not found`);
    assertCanAct(caller.access.principal, caller.access.assignments, roles, networkTarget(network));
    return network;
  }

  canEdit(access: AccessContext, network: NetworkRecord): boolean {
    return canAct(access.principal, access.assignments, NETWORK_EDITORS, networkTarget(network));
  }

  async wave(
    network: NetworkRecord,
    waveId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<WaveRow> {
    const wave = await findWave(manager, network.id, waveId);
    if (!wave)
      throw new NetworkServiceError('WaveNotFound', `wave ${waveId} not found in network ${network.id}`);
    return wave;
  }

  /** Full paths (ancestors + the area itself) of the given areas of the tenant. */
  async areaPaths(
    tenantId: string,
    areaIds: Iterable<string | null>,
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, string[]>> {
    const ids = [...new Set([...areaIds].filter((id): id is string => id !== null))];
    if (ids.length === 0) return new Map();
    const ancestors = await ancestorsByArea(manager, tenantId, ids);
    return new Map([...ancestors].map(([id, path]) => [id, [...path, id]]));
  }

  /** The disclosure rule for actors of one network, for one caller. */
  async disclosure(
    access: AccessContext,
    network: NetworkRecord,
    actors: Iterable<Pick<ActorRow, 'areaId' | 'pseudonymised'>>,
  ): Promise<Disclosure> {
    const list = [...actors];
    const paths = await this.areaPaths(
      network.tenantId,
      list.filter((a) => a.pseudonymised).map((a) => a.areaId),
    );
    const cache = new Map<string | null, boolean>();
    const reveals = (actor: Pick<ActorRow, 'pseudonymised' | 'areaId'>): boolean => {
      if (!actor.pseudonymised) return true;
      const key = actor.areaId;
      let allowed = cache.get(key);
      if (allowed === undefined) {
        allowed = mayReadNames(access, key === null ? null : (paths.get(key) ?? null), network);
        cache.set(key, allowed);
      }
      return allowed;
    };
    return {
      reveals,
      nameOf: (actor) => (reveals(actor) ? actor.name : pseudonymOf(actor.id)),
      present: (actor) => presentActor(actor, reveals(actor)),
    };
  }
}

export function presentActor(actor: ActorRow, reveal: boolean): ActorView {
  const point = actor.lon === null || actor.lat === null ? null : { lon: actor.lon, lat: actor.lat };
  return {
    id: actor.id,
    externalId: reveal ? actor.externalId : null,
    kind: actor.kind,
    name: reveal ? actor.name : pseudonymOf(actor.id),
    pseudonymised: actor.pseudonymised,
    identityHidden: !reveal,
    sector: actor.sector,
    field: actor.field,
    areaId: actor.areaId,
    address: reveal ? actor.address : null,
    point: reveal ? point : null,
    offerings: actor.offerings,
    contact: reveal ? actor.contact : null,
  };
}
