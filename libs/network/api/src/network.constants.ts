import { TENANT_ROLES, type Role } from '@quartier/contracts';

/** Connection and schema name of the network service. */
export const NETWORK_CONNECTION = 'network';

export const ACTOR_KINDS = ['organisation', 'person'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** What an actor offers to others in the area: its "hidden resources". */
export const OFFERING_TYPES = [
  'rooms',
  'services',
  'know-how',
  'equipment',
  'volunteers',
  'funding',
  'other',
] as const;
export type OfferingType = (typeof OFFERING_TYPES)[number];

export const TIE_TYPES = ['cooperation', 'information', 'referral', 'resources', 'funding'] as const;
export type TieType = (typeof TIE_TYPES)[number];

export const TIE_SOURCES = ['survey', 'manual', 'import'] as const;
export type TieSource = (typeof TIE_SOURCES)[number];

/** Everyone with a Quartier role may read networks of the areas their assignments cover. */
export const NETWORK_READERS: readonly Role[] = TENANT_ROLES;
/** Actors, ties, waves and imports are edited by tenant admins and planners within their scope. */
export const NETWORK_EDITORS: readonly Role[] = ['tenant-admin', 'planner'];
/** Starting a (possibly long) measure computation: editors and analysts. */
export const METRICS_RUNNERS: readonly Role[] = ['tenant-admin', 'planner', 'analyst'];
/**
 * Who sees the names (and contact, address, location) of pseudonymised actors: tenant admins,
 * and planners whose scope covers the actor's area. Everyone else gets a stable pseudonym.
 */
export const NAME_READERS: readonly Role[] = ['tenant-admin', 'planner'];

/** Networks up to this many actors are measured synchronously on GET; larger ones need a job. */
export const SYNC_METRICS_MAX_ACTORS = 2_000;
