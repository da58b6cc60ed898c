import { AuthError, canAct, type AccessContext } from '@quartier/auth';
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

/** Refuses (403 OutOfScope, naming the areas) a write that files or changes actors in these areas. */
export async function assertAreasInScope(
  networks: NetworkAccessService,
  access: AccessContext,
  network: NetworkRecord,
  areaIds: Iterable<string | null>,
  manager: EntityManager,
): Promise<void> {
  const outside = await areasOutsideScope(networks, access, network, areaIds, manager);
  if (outside.length > 0)
    throw new AuthError(
      'OutOfScope',
      `area ${outside.join(', ')} is outside the area scope of your role assignments`,
    );
}

/** How many refused actors a refusal names (deleting a network may touch thousands). */
const NAMED_ACTORS = 5;

/**
 * Refuses (403 OutOfScope, naming actors and areas) a write that touches actors filed outside
 * the caller's scope: their ties, their wave membership, or the actors themselves. A tie or a
 * membership is that actor's data as much as its name is — it counts in its district's
 * indicators — so a planner of Mitte may not add, change or delete one for a Kreuzberg actor.
 * Actors without an area follow the network's area, which the caller's edit right covers.
 */
export async function assertActorsInScope(
  networks: NetworkAccessService,
  access: AccessContext,
  network: NetworkRecord,
  actors: readonly { id: string; areaId: string | null }[],
  manager: EntityManager,
): Promise<void> {
  const outside = new Set(
    await areasOutsideScope(
      networks,
      access,
      network,
      actors.map((a) => a.areaId),
      manager,
    ),
  );
  const refused = actors.filter((a) => a.areaId !== null && outside.has(a.areaId));
  if (refused.length === 0) return;
  const named = refused.slice(0, NAMED_ACTORS).map((a) => a.id);
  const more = refused.length > NAMED_ACTORS ? ` and ${refused.length - NAMED_ACTORS} more` : '';
  throw new AuthError(
    'OutOfScope',
    `actor ${named.join(', ')}${more} is filed under area ${[...outside].join(', ')}, outside the area scope of your role assignments`,
  );
}
