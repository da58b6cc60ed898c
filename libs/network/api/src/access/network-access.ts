import { canAct, type AccessContext, type AccessTarget } from '@quartier/auth';
import { createHash } from 'node:crypto';
import { NAME_READERS } from '../network.constants';

/** What authorisation needs to know about a network. */
export interface NetworkScope {
  readonly areaId: string | null;
  /** Ancestors of the network's area, root first (without the area); null when unknown. */
  readonly areaAncestors: readonly string[] | null;
  readonly programmeId: string | null;
}

/**
 * The access target of a network: its area (as a full path ending with the area) and its
 * programme. A network whose area is unknown to the read model — or that has none — needs a
 * tenant-wide grant, the conservative reading.
 */
export function networkTarget(scope: NetworkScope): AccessTarget {
  const areaPath =
    scope.areaId !== null && scope.areaAncestors !== null ? [...scope.areaAncestors, scope.areaId] : null;
  return { areaPath, programmeId: scope.programmeId ?? undefined };
}

/**
 * Whether the caller may see the real name, contact, address and location of a pseudonymised
 * actor: tenant admins, and planners whose area scope covers the actor's area (the network's area
 * when the actor has none). A platform operator without a tenant role does not: operating the
 * platform is no reason to read personal data (data minimisation, Art. 5 (1) c GDPR).
 */
export function mayReadNames(
  access: AccessContext,
  actorAreaPath: readonly string[] | null,
  network: NetworkScope,
): boolean {
  const { principal, assignments } = access;
  if (!principal.roles.some((role) => NAME_READERS.includes(role))) return false;
  const target = networkTarget(network);
  return canAct(principal, assignments, NAME_READERS, {
    areaPath: actorAreaPath ?? target.areaPath,
    programmeId: target.programmeId,
  });
}

/**
 * A stable pseudonym for an actor: the same actor always gets the same label (so drawings,
 * tables and exports of different days can be compared), and it reveals nothing but the id,
 * which callers see anyway.
 */
export function pseudonymOf(actorId: string): string {
  const digest = createHash('sha256').update(`quartier-actor:${actorId}`).digest();
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let label = '';
  for (let i = 0; i < 6; i++) label += alphabet[digest[i] % alphabet.length];
  return `Akteur ${label}`;
}
