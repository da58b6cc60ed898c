import { normalizeActorName } from '@quartier/contracts';
import type { EntityManager } from 'typeorm';
import type { ActorKind, Sector } from '../network.constants';
import { ACTOR_COLUMNS, type ActorRow, type Contact, type Offering } from './actor.dto';

/** Every field of an actor, as services, imports, survey events and the demo write it. */
export interface ActorDraft {
  externalId: string | null;
  kind: ActorKind;
  name: string;
  sector: Sector | null;
  field: string | null;
  areaId: string | null;
  address: string | null;
  point: { lon: number; lat: number } | null;
  offerings: Offering[];
  contact: Contact;
  pseudonymised: boolean;
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
    [
      tenantId,
      networkId,
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
    ],
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
    [
      actorId,
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
    ],
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

export async function addWaveMembers(
  manager: EntityManager,
  waveId: string,
  actorIds: readonly string[],
): Promise<void> {
  if (actorIds.length === 0) return;
  await manager.query(
    `INSERT INTO wave_actor (wave_id, actor_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [waveId, actorIds],
  );
}

/** Area ids among `ids` that the tenant's read model does not know. */
export async function unknownAreas(
  manager: EntityManager,
  tenantId: string,
  ids: Iterable<string>,
): Promise<string[]> {
  const list = [...new Set(ids)];
  if (list.length === 0) return [];
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM area_ref WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, list],
  );
  const known = new Set(rows.map((r) => r.id));
  return list.filter((id) => !known.has(id));
}
