import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IndexRunArea } from '@quartier/programme-core';
import type { DataSource, EntityManager } from 'typeorm';
import { PROGRAMME_CONNECTION } from '../programme.constants';
import { selectOne } from '@quartier/service-kit';

export interface IndexRunRef {
  id: string;
  definitionKey: string;
  label: string;
  period: string;
  level: string;
  classes: Record<string, { code: string; label: string }[]>;
  areaCount: number;
}

/**
 * Index runs as the programme service knows them from `indicator.index.results` (its evidence
 * read model). Which index is "status" and which "dynamics": the ids `status` and `dynamics`
 * (Berlin MSS and its variants), else the definition's first and second index.
 */
@Injectable()
export class IndexRunsRepository {
  constructor(@InjectDataSource(PROGRAMME_CONNECTION) private readonly db: DataSource) {}

  async list(tenantId: string): Promise<IndexRunRef[]> {
    return this.db.query(
      `SELECT r.id, r.definition_key AS "definitionKey", r.label, r.period, r.level, r.classes,
              (SELECT count(*)::int FROM index_result_ref x WHERE x.run_id = r.id) AS "areaCount"
         FROM index_run_ref r WHERE r.tenant_id = $1 ORDER BY r.definition_key, r.period DESC, r.received_at DESC`,
      [tenantId],
    );
  }

  async find(
    tenantId: string,
    runId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<IndexRunRef | null> {
    return selectOne<IndexRunRef>(
      manager,
      `SELECT r.id, r.definition_key AS "definitionKey", r.label, r.period, r.level, r.classes, 0 AS "areaCount"
         FROM index_run_ref r WHERE r.tenant_id = $1 AND r.id = $2`,
      [tenantId, runId],
    );
  }

  /**
   * The newest later run of the same kind: same level and the same indices (e.g. the next MSS
   * edition, which Berlin publishes as its own definition), if any.
   */
  async newerThan(tenantId: string, run: IndexRunRef): Promise<IndexRunRef | null> {
    const rows: (IndexRunRef & { receivedAt: Date })[] = await this.db.query(
      `SELECT r.id, r.definition_key AS "definitionKey", r.label, r.period, r.level, r.classes, 0 AS "areaCount",
              r.received_at AS "receivedAt"
         FROM index_run_ref r
        WHERE r.tenant_id = $1 AND r.level = $2 AND r.id <> $3 AND r.period >= $4
        ORDER BY r.period DESC, r.received_at DESC`,
      [tenantId, run.level, run.id, run.period],
    );
    const sameIndices = (r: IndexRunRef) =>
      Object.keys(r.classes).sort().join() === Object.keys(run.classes).sort().join();
    return (
      rows.find((r) => sameIndices(r) && (r.period > run.period || r.definitionKey === run.definitionKey)) ??
      null
    );
  }

  /** One index of a run for these areas (valid results only), by area id. */
  async indexValues(
    tenantId: string,
    runId: string,
    index: string,
    areaIds: readonly string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, unknown>> {
    const rows: { areaId: string; values: Record<string, unknown> }[] = await manager.query(
      `SELECT x.area_id AS "areaId", x.index_values AS values FROM index_result_ref x JOIN index_run_ref r ON r.id = x.run_id
        WHERE r.tenant_id = $1 AND x.run_id = $2 AND x.area_id = ANY($3::uuid[]) AND x.valid`,
      [tenantId, runId, areaIds],
    );
    return new Map(rows.map((r) => [r.areaId, r.values[index]]));
  }

  /** The run's areas with names, level, ancestors and the status/dynamics classes. */
  async areas(run: IndexRunRef, manager: EntityManager = this.db.manager): Promise<IndexRunArea[]> {
    const [statusId, dynamicsId] = classIndices(run);
    const rows: {
      areaId: string;
      valid: boolean;
      classes: Record<string, string>;
      code: string | null;
      name: string | null;
      level: string | null;
      path: string[] | null;
    }[] = await manager.query(
      `SELECT x.area_id AS "areaId", x.valid, x.classes, a.code, a.name, a.level, a.path
         FROM index_result_ref x LEFT JOIN area_ref a ON a.id = x.area_id
        WHERE x.run_id = $1 ORDER BY a.code NULLS LAST, x.area_id`,
      [run.id],
    );
    return rows.map((r) => ({
      areaId: r.areaId,
      code: r.code ?? r.areaId,
      name: r.name ?? undefined,
      level: r.level ?? run.level,
      ancestorIds: r.path ?? [],
      valid: r.valid,
      statusClass: (statusId && r.classes[statusId]) ?? null,
      dynamicsClass: (dynamicsId && r.classes[dynamicsId]) ?? null,
    }));
  }
}

export function classIndices(run: Pick<IndexRunRef, 'classes'>): [string | undefined, string | undefined] {
  const ids = Object.keys(run.classes);
  const status = ids.includes('status') ? 'status' : ids[0];
  const dynamics = ids.includes('dynamics') ? 'dynamics' : ids.find((id) => id !== status);
  return [status, dynamics];
}
