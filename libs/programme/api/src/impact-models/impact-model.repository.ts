import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImpactModel } from '@quartier/programme-core';
import type { DataSource, EntityManager } from 'typeorm';
import { PROGRAMME_CONNECTION } from '../programme.constants';
import { selectOne } from '@quartier/service-kit';

export interface StoredImpactModel {
  id: string;
  programmeId: string;
  measureId: string | null;
  model: ImpactModel;
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

const COLUMNS = `id, programme_id AS "programmeId", measure_id AS "measureId", model, version,
  updated_by AS "updatedBy", updated_at AS "updatedAt"`;

/** SQL of impact models: one per programme (measureId null) and one per measure. */
@Injectable()
export class ImpactModelRepository {
  constructor(@InjectDataSource(PROGRAMME_CONNECTION) readonly db: DataSource) {}

  async find(
    programmeId: string,
    measureId: string | null,
    manager: EntityManager = this.db.manager,
  ): Promise<StoredImpactModel | null> {
    return selectOne<StoredImpactModel>(
      manager,
      `SELECT ${COLUMNS} FROM impact_model WHERE programme_id = $1 AND measure_id IS NOT DISTINCT FROM $2`,
      [programmeId, measureId],
    );
  }

  async ofProgramme(programmeId: string): Promise<StoredImpactModel[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM impact_model WHERE programme_id = $1 ORDER BY measure_id NULLS FIRST`,
      [programmeId],
    );
  }

  async save(
    manager: EntityManager,
    tenantId: string,
    owner: { programmeId: string; measureId: string | null },
    model: ImpactModel,
    version: number,
    by: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO impact_model (tenant_id, programme_id, measure_id, model, version, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (programme_id, coalesce(measure_id, '00000000-0000-0000-0000-000000000000'::uuid))
       DO UPDATE SET model = EXCLUDED.model, version = EXCLUDED.version, updated_by = EXCLUDED.updated_by,
         updated_at = EXCLUDED.updated_at`,
      [tenantId, owner.programmeId, owner.measureId, JSON.stringify(model), version, by, at],
    );
  }
}
