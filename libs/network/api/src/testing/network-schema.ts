import { migratedServiceSchema, type MigratedSchema } from '@quartier/service-kit';
import { completeDraft, type ActorDraft } from '../actors/actor.repository';
import { NETWORK_MIGRATIONS } from '../migrations/network-migrations';
import { insertNetwork, type NewNetwork } from '../networks/network.repository';
import { insertWave } from '../networks/wave.repository';

/** The network schema migrated as the service migrates it, without the service (repository tests). */
export function migratedNetworkSchema(): Promise<MigratedSchema> {
  return migratedServiceSchema('network', NETWORK_MIGRATIONS);
}

/** A network (of programme p0 unless given) with one wave; returns both ids. */
export function storedNetworkWithWave(
  schema: MigratedSchema,
  tenantId: string,
  fields: Partial<NewNetwork> = {},
): Promise<{ networkId: string; waveId: string }> {
  return schema.db.transaction(async (m) => {
    const networkId = await insertNetwork(m, {
      tenantId,
      name: 'Netz',
      description: null,
      areaId: null,
      // A network belongs to an area or a programme (check constraint).
      programmeId: 'p0',
      directed: false,
      weighted: true,
      createdBy: 'tester',
      ...fields,
    });
    const wave = await insertWave(m, tenantId, networkId, { label: 'W1', observedOn: '2025-06-30' });
    return { networkId, waveId: wave.id };
  });
}

/** An organisation with only a name (and what `fields` adds). */
export function actorDraft(name: string, fields: Partial<ActorDraft> = {}): ActorDraft {
  return completeDraft({ kind: 'organisation', name, ...fields });
}
