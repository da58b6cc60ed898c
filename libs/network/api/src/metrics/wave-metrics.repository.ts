// SQL of `wave_metrics`, the measures of a wave cached per revision and options.
import type { NetworkMetrics } from '@quartier/network-core';
import type { EntityManager } from 'typeorm';
import { selectOne } from '@quartier/service-kit';

export interface CachedMetricsRow {
  revision: number;
  metrics: NetworkMetrics;
  durationMs: number;
  computedAt: string;
}

/** The cached measures of a wave for these options, if computed at its current revision. */
export async function currentMetrics(
  manager: EntityManager,
  waveId: string,
  optionsKey: string,
): Promise<CachedMetricsRow | null> {
  return selectOne<CachedMetricsRow>(
    manager,
    `SELECT m.revision::int AS revision, m.metrics, m.duration_ms AS "durationMs", m.computed_at AS "computedAt"
       FROM wave_metrics m JOIN wave w ON w.id = m.wave_id AND w.revision = m.revision
      WHERE m.wave_id = $1 AND m.options_key = $2`,
    [waveId, optionsKey],
  );
}

/** Stores (or replaces) the measures of a wave for these options; returns when they were computed. */
export async function storeMetrics(
  manager: EntityManager,
  entry: {
    waveId: string;
    optionsKey: string;
    tenantId: string;
    revision: number;
    metrics: NetworkMetrics;
    durationMs: number;
  },
): Promise<{ computedAt: string }> {
  const [stored]: { computedAt: string }[] = await manager.query(
    `INSERT INTO wave_metrics (wave_id, options_key, tenant_id, revision, metrics, duration_ms) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
     ON CONFLICT (wave_id, options_key) DO UPDATE SET revision = EXCLUDED.revision, metrics = EXCLUDED.metrics, duration_ms = EXCLUDED.duration_ms, computed_at = now()
     RETURNING computed_at AS "computedAt"`,
    [
      entry.waveId,
      entry.optionsKey,
      entry.tenantId,
      entry.revision,
      JSON.stringify(entry.metrics),
      Math.round(entry.durationMs),
    ],
  );
  return stored;
}
