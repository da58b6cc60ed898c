import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxWriter } from '@quartier/messaging';
import { RegistryError, validateCrosswalk } from '@quartier/registry-core';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AreasService } from '../areas/areas.service';
import { AreaVersionEntity } from '../entities/area-version.entity';
import { REGISTRY_CONNECTION } from '../registry.constants';
import type { AreaVersionView, CrosswalkView, replaceCrosswalkSchema } from './area-version.dto';

/**
 * Area versions (Gebietsstände) and the crosswalks between them, so that a time series on the
 * old areas continues on the new ones after a boundary reform.
 */
@Injectable()
export class AreaVersionsService {
  constructor(
    @InjectDataSource(REGISTRY_CONNECTION) private readonly db: DataSource,
    private readonly areas: AreasService,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(tenantId: string): Promise<AreaVersionView[]> {
    const current = await this.areas.currentVersion(tenantId);
    const rows: { id: string; name: string; validFrom: string; areas: number }[] = await this.db.query(
      `SELECT v.id, v.name, to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom", count(a.id)::int AS areas
         FROM area_version v LEFT JOIN area a ON a.version_id = v.id
        WHERE v.tenant_id = $1 GROUP BY v.id ORDER BY v.valid_from`,
      [tenantId],
    );
    return rows.map((row) => ({ ...row, current: row.id === current?.id }));
  }

  async crosswalk(tenantId: string, toVersionId: string): Promise<CrosswalkView> {
    await this.version(tenantId, toVersionId);
    const entries: CrosswalkView['entries'] = await this.db.query(
      `SELECT c.from_area_id AS "fromAreaId", f.code AS "fromCode", c.to_area_id AS "toAreaId", t.code AS "toCode", c.weight
         FROM crosswalk c JOIN area f ON f.id = c.from_area_id JOIN area t ON t.id = c.to_area_id
        WHERE c.tenant_id = $1 AND c.to_version_id = $2 ORDER BY f.code, t.code`,
      [tenantId, toVersionId],
    );
    const [from] = await this.db.query(
      `SELECT DISTINCT f.version_id AS id FROM crosswalk c JOIN area f ON f.id = c.from_area_id WHERE c.to_version_id = $1 LIMIT 1`,
      [toVersionId],
    );
    return { fromVersionId: from?.id ?? null, toVersionId, entries };
  }

  /** Replaces the whole crosswalk into `toVersionId` (all-or-nothing) and publishes it. */
  async replaceCrosswalk(
    tenantId: string,
    toVersionId: string,
    input: z.infer<typeof replaceCrosswalkSchema>,
  ): Promise<CrosswalkView> {
    if (input.fromVersionId === toVersionId)
      throw new RegistryError('InvalidCrosswalk', 'a crosswalk connects two different area versions');
    await this.db.transaction(async (manager) => {
      await this.version(tenantId, toVersionId);
      await this.version(tenantId, input.fromVersionId);
      const codes = async (versionId: string) =>
        new Map<string, string>(
          (await manager.query(`SELECT code, id FROM area WHERE version_id = $1`, [versionId])).map(
            (r: { code: string; id: string }) => [r.code, r.id],
          ),
        );
      const [oldByCode, newByCode] = await Promise.all([codes(input.fromVersionId), codes(toVersionId)]);
      const unknown: string[] = [];
      const entries = input.entries.map((entry, i) => {
        const fromAreaId = oldByCode.get(entry.fromCode);
        const toAreaId = newByCode.get(entry.toCode);
        if (!fromAreaId)
          unknown.push(`entries.${i}.fromCode: ${entry.fromCode} is not an area of the old version`);
        if (!toAreaId) unknown.push(`entries.${i}.toCode: ${entry.toCode} is not an area of the new version`);
        return { fromAreaId: fromAreaId ?? '', toAreaId: toAreaId ?? '', weight: entry.weight };
      });
      if (unknown.length > 0) throw new RegistryError('InvalidCrosswalk', unknown[0], unknown);
      validateCrosswalk(entries, new Set(oldByCode.values()), new Set(newByCode.values()));
      await manager.query(`DELETE FROM crosswalk WHERE tenant_id = $1 AND to_version_id = $2`, [
        tenantId,
        toVersionId,
      ]);
      await manager.query(
        `INSERT INTO crosswalk (from_area_id, to_area_id, tenant_id, to_version_id, weight)
         SELECT f, t, $3, $4, w FROM unnest($1::uuid[], $2::uuid[], $5::float8[]) AS x(f, t, w)`,
        [
          entries.map((e) => e.fromAreaId),
          entries.map((e) => e.toAreaId),
          tenantId,
          toVersionId,
          entries.map((e) => e.weight),
        ],
      );
      await this.outbox.append(
        manager,
        'registry.crosswalk.replaced',
        { tenantId, fromVersionId: input.fromVersionId, toVersionId, entries },
        { tenantId, key: `version:${toVersionId}` },
      );
    });
    return this.crosswalk(tenantId, toVersionId);
  }

  private async version(tenantId: string, id: string): Promise<AreaVersionEntity> {
    const version = await this.db.getRepository(AreaVersionEntity).findOneBy({ id, tenantId });
    if (!version) throw new RegistryError('AreaVersionNotFound', `area version ${id} not found`);
    return version;
  }
}
