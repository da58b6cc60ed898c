import type { EntityManager } from 'typeorm';
import type { TieSource, TieType } from '../network.constants';
import { canonicalEnds } from './tie.dto';

export interface TieDraft {
  source: string;
  target: string;
  directed: boolean;
  type: TieType;
  weight: number;
  origin: TieSource;
  attributes: Record<string, string | number>;
}

/**
 * Inserts ties of a wave, or updates weight/attributes where the same tie (ends, type,
 * direction) exists. Both ends become members of the wave. Returns how many rows were new.
 */
export async function upsertTies(
  manager: EntityManager,
  tenantId: string,
  networkId: string,
  waveId: string,
  ties: readonly TieDraft[],
): Promise<{ created: number; updated: number }> {
  if (ties.length === 0) return { created: 0, updated: 0 };
  const sources: string[] = [];
  const targets: string[] = [];
  for (const tie of ties) {
    const [s, t] = canonicalEnds(tie.source, tie.target, tie.directed);
    sources.push(s);
    targets.push(t);
  }
  const rows: { inserted: boolean }[] = await manager.query(
    `INSERT INTO tie (tenant_id, network_id, wave_id, source_actor_id, target_actor_id, directed, type, weight, source, attributes)
     SELECT $1, $2, $3, s, t, d, ty, w, o, a::jsonb
       FROM unnest($4::uuid[], $5::uuid[], $6::boolean[], $7::text[], $8::float8[], $9::text[], $10::text[]) AS x(s, t, d, ty, w, o, a)
     ON CONFLICT (wave_id, source_actor_id, target_actor_id, type, directed)
       DO UPDATE SET weight = EXCLUDED.weight, attributes = EXCLUDED.attributes, source = EXCLUDED.source, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    [
      tenantId,
      networkId,
      waveId,
      sources,
      targets,
      ties.map((t) => t.directed),
      ties.map((t) => t.type),
      ties.map((t) => t.weight),
      ties.map((t) => t.origin),
      ties.map((t) => JSON.stringify(t.attributes)),
    ],
  );
  await manager.query(
    `INSERT INTO wave_actor (wave_id, actor_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [waveId, [...new Set([...sources, ...targets])]],
  );
  const created = rows.filter((r) => r.inserted).length;
  return { created, updated: rows.length - created };
}
