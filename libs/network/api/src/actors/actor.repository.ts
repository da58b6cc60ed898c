// SQL of the `actor` table: functions taking the caller's EntityManager (services, imports,
// survey events and the demo seeder write actors inside their own transactions).
import { normalizeActorName } from '@quartier/contracts';
import type { EntityManager } from 'typeorm';
import type { WaveGraphActor } from '../metrics/wave-graph';
import { ACTOR_COLUMNS, type ActorRow } from './actor.dto';
import { selectExists, selectOne, SqlWhere } from '@quartier/service-kit';

/**
 * Every field of an actor, as services, imports, survey events and the demo write it: the stored
 * row without its keys, its location one point (or none) instead of two columns.
 */
export type ActorDraft = Omit<ActorRow, 'id' | 'networkId' | 'lon' | 'lat'> & {
  point: { lon: number; lat: number } | null;
};

/** A draft with every field its input leaves out at its default (an organisation, no sector, …). */
export function completeDraft(fields: Partial<ActorDraft>): ActorDraft {
  const kind = fields.kind ?? 'organisation';
  return {
    externalId: fields.externalId ?? null,
    kind,
    name: fields.name as string,
    sector: fields.sector ?? null,
    field: fields.field ?? null,
    areaId: fields.areaId ?? null,
    address: fields.address ?? null,
    point: fields.point ?? null,
    offerings: fields.offerings ?? [],
    contact: fields.contact ?? {},
    // Persons are pseudonymised unless the input says otherwise (privacy by default).
    pseudonymised: fields.pseudonymised ?? kind === 'person',
  };
}

/** A draft's columns from external_id to pseudonymised, in the order both statements list them. */
function draftValues(draft: ActorDraft): unknown[] {
  return [
    draft.externalId,
    draft.kind,
    draft.name,
    normalizeActorName(draft.name),
    draft.sector,
    draft.field,
    draft.areaId,
    draft.address,
    draft.point?.lon ?? null,
    draft.point?.lat ?? null,
    JSON.stringify(draft.offerings),
    JSON.stringify(draft.contact),
    draft.pseudonymised,
  ];
}

export async function insertActor(
  manager: EntityManager,
  tenantId: string,
  networkId: string,
  draft: ActorDraft,
): Promise<string> {
  const [row]: { id: string }[] = await manager.query(
    `INSERT INTO actor (tenant_id, network_id, external_id, kind, name, normalized_name, sector, field, area_id, address, lon, lat, offerings, contact, pseudonymised)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15) RETURNING id`,
    [tenantId, networkId, ...draftValues(draft)],
  );
  return row.id;
}

export async function updateActorRow(
  manager: EntityManager,
  actorId: string,
  draft: ActorDraft,
): Promise<void> {
  await manager.query(
    `UPDATE actor SET external_id = $2, kind = $3, name = $4, normalized_name = $5, sector = $6, field = $7, area_id = $8, address = $9,
       lon = $10, lat = $11, offerings = $12::jsonb, contact = $13::jsonb, pseudonymised = $14, updated_at = now() WHERE id = $1`,
    [actorId, ...draftValues(draft)],
  );
}

export function draftOf(actor: ActorRow): ActorDraft {
  return {
    externalId: actor.externalId,
    kind: actor.kind,
    name: actor.name,
    sector: actor.sector,
    field: actor.field,
    areaId: actor.areaId,
    address: actor.address,
    point: actor.lon === null || actor.lat === null ? null : { lon: actor.lon, lat: actor.lat },
    offerings: actor.offerings,
    contact: actor.contact,
    pseudonymised: actor.pseudonymised,
  };
}

export async function actorsOfNetwork(
  manager: EntityManager,
  networkId: string,
  waveId?: string,
): Promise<ActorRow[]> {
  if (waveId) {
    return manager.query(
      `SELECT ${ACTOR_COLUMNS} FROM actor a JOIN wave_actor wa ON wa.actor_id = a.id WHERE a.network_id = $1 AND wa.wave_id = $2 ORDER BY a.name, a.id`,
      [networkId, waveId],
    );
  }
  return manager.query(`SELECT ${ACTOR_COLUMNS} FROM actor a WHERE a.network_id = $1 ORDER BY a.name, a.id`, [
    networkId,
  ]);
}

/** Inserts actors in one statement; returns each new id with its external id. */
export async function insertActors(
  manager: EntityManager,
  tenantId: string,
  networkId: string,
  drafts: readonly ActorDraft[],
): Promise<{ id: string; externalId: string }[]> {
  return manager.query(
    `INSERT INTO actor (tenant_id, network_id, external_id, kind, name, normalized_name, sector, field, area_id, address, lon, lat, offerings, contact, pseudonymised)
     SELECT $1, $2, x, k, n, nn, s, f, ar, ad, lo, la, o::jsonb, c::jsonb, p
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::text[], $11::float8[], $12::float8[], $13::text[], $14::text[], $15::boolean[])
         AS t(x, k, n, nn, s, f, ar, ad, lo, la, o, c, p)
     RETURNING id, external_id AS "externalId"`,
    [
      tenantId,
      networkId,
      drafts.map((d) => d.externalId),
      drafts.map((d) => d.kind),
      drafts.map((d) => d.name),
      drafts.map((d) => normalizeActorName(d.name)),
      drafts.map((d) => d.sector),
      drafts.map((d) => d.field),
      drafts.map((d) => d.areaId),
      drafts.map((d) => d.address),
      drafts.map((d) => d.point?.lon ?? null),
      drafts.map((d) => d.point?.lat ?? null),
      drafts.map((d) => JSON.stringify(d.offerings)),
      drafts.map((d) => JSON.stringify(d.contact)),
      drafts.map((d) => d.pseudonymised),
    ],
  );
}

/** An actor of the network; null when there is none. `lock` holds its row until the transaction ends. */
export async function findActor(
  manager: EntityManager,
  networkId: string,
  actorId: string,
  lock = false,
): Promise<ActorRow | null> {
  return selectOne<ActorRow>(
    manager,
    `SELECT ${ACTOR_COLUMNS} FROM actor a WHERE a.id = $1 AND a.network_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [actorId, networkId],
  );
}

/** The actors among `ids`, locked until the transaction ends. */
export async function lockActors(manager: EntityManager, ids: readonly string[]): Promise<ActorRow[]> {
  return manager.query(`SELECT ${ACTOR_COLUMNS} FROM actor a WHERE a.id = ANY($1::uuid[]) FOR UPDATE`, [ids]);
}

export async function deleteActor(manager: EntityManager, actorId: string): Promise<void> {
  await manager.query(`DELETE FROM actor WHERE id = $1`, [actorId]);
}

/** Whether another actor of the network (not `self`) has this external id. */
export async function externalIdTaken(
  manager: EntityManager,
  networkId: string,
  externalId: string,
  self: string | null,
): Promise<boolean> {
  return selectExists(
    manager,
    `SELECT 1 FROM actor WHERE network_id = $1 AND external_id = $2 AND id IS DISTINCT FROM $3`,
    [networkId, externalId, self],
  );
}

/** Ids and external ids of the network's actors (what an import matches rows against). */
export async function actorKeys(
  manager: EntityManager,
  networkId: string,
): Promise<{ id: string; externalId: string | null }[]> {
  return manager.query(`SELECT id, external_id AS "externalId" FROM actor WHERE network_id = $1`, [
    networkId,
  ]);
}

/** Ids and normalised names of the network's actors, oldest first (the first of a name wins a match). */
export async function actorNames(
  manager: EntityManager,
  networkId: string,
): Promise<{ id: string; normalizedName: string }[]> {
  return manager.query(
    `SELECT id, normalized_name AS "normalizedName" FROM actor WHERE network_id = $1 ORDER BY created_at, id`,
    [networkId],
  );
}

/** The area of each actor among `ids`. */
export async function actorAreas(
  manager: EntityManager,
  ids: readonly string[],
): Promise<{ id: string; areaId: string | null }[]> {
  if (ids.length === 0) return [];
  return manager.query(`SELECT id, area_id AS "areaId" FROM actor WHERE id = ANY($1::uuid[])`, [ids]);
}

/** Every actor a wave holds, as member or at a tie's end, with its area. */
export async function actorAreasOfWave(
  manager: EntityManager,
  waveId: string,
): Promise<{ id: string; areaId: string | null }[]> {
  return manager.query(
    `SELECT id, area_id AS "areaId" FROM actor WHERE id IN (
       SELECT actor_id FROM wave_actor WHERE wave_id = $1
       UNION SELECT source_actor_id FROM tie WHERE wave_id = $1
       UNION SELECT target_actor_id FROM tie WHERE wave_id = $1)`,
    [waveId],
  );
}

/** Every actor of a network with its area. */
export async function actorAreasOfNetwork(
  manager: EntityManager,
  networkId: string,
): Promise<{ id: string; areaId: string | null }[]> {
  return manager.query(`SELECT id, area_id AS "areaId" FROM actor WHERE network_id = $1`, [networkId]);
}

/** Which of `ids` are actors of the network. */
export async function actorIdsInNetwork(
  manager: EntityManager,
  networkId: string,
  ids: readonly string[],
): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM actor WHERE network_id = $1 AND id = ANY($2::uuid[])`,
    [networkId, ids],
  );
  return rows.map((r) => r.id);
}

/** The members of a wave as its measures need them: id, sector, area. */
export async function graphActorsOfWave(manager: EntityManager, waveId: string): Promise<WaveGraphActor[]> {
  return manager.query(
    `SELECT a.id, a.sector, a.area_id AS "areaId" FROM actor a JOIN wave_actor wa ON wa.actor_id = a.id WHERE wa.wave_id = $1`,
    [waveId],
  );
}

export interface OfferingFilter {
  /** The area or an area below it. */
  areaId?: string;
  field?: string;
  /** Actors with an offering of this type. */
  type?: string;
}

/** Actors of the networks with at least one offering, with their area's code and name. */
export async function actorsWithOfferings(
  manager: EntityManager,
  networkIds: readonly string[],
  filter: OfferingFilter,
): Promise<(ActorRow & { areaCode: string | null; areaName: string | null })[]> {
  const { where, params } = new SqlWhere(
    'a.network_id = ANY($1::uuid[]) AND jsonb_array_length(a.offerings) > 0',
    [networkIds],
  )
    .and('(a.area_id = $? OR ar.path @> ARRAY[$?::uuid])', filter.areaId)
    .and('a.field = $?', filter.field)
    .and('a.offerings @> $?::jsonb', filter.type && JSON.stringify([{ type: filter.type }]));
  return manager.query(
    `SELECT ${ACTOR_COLUMNS}, ar.code AS "areaCode", ar.name AS "areaName"
       FROM actor a LEFT JOIN area_ref ar ON ar.id = a.area_id AND ar.tenant_id = a.tenant_id
      WHERE ${where} ORDER BY ar.code NULLS LAST, a.field NULLS LAST, a.name`,
    params,
  );
}
