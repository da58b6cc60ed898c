import { canAct, type AccessContext } from '@quartier/auth';
import type { EntityManager } from 'typeorm';
import type { NetworkAccessService } from '../access/network-access.service';
import { networkTarget } from '../access/network-access';
import type { NetworkRecord } from '../networks/network.dto';
import { NETWORK_EDITORS } from '../network.constants';

/**
 * The areas among `areaIds` the caller may not place an actor in. Being allowed to edit a
 * network (checked against the network's own area) says nothing about the area an actor is
 * put into: a planner of Mitte may keep Mitte's network but must not file an actor under
 * Friedrichshain-Kreuzberg, where it would count in that district's indicators and reveal
 * its name to that district's planners. Unknown areas are left to the caller's own check.
 */
export async function areasOutsideScope(
  networks: NetworkAccessService,
  access: AccessContext,
  network: NetworkRecord,
  areaIds: Iterable<string | null>,
  manager: EntityManager,
): Promise<string[]> {
  const paths = await networks.areaPaths(network.tenantId, areaIds, manager);
  const { programmeId } = networkTarget(network);
  return [...paths]
    .filter(
      ([, areaPath]) =>
        !canAct(access.principal, access.assignments, NETWORK_EDITORS, { areaPath, programmeId }),
    )
    .map(([id]) => id);
}
