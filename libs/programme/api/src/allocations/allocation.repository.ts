import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PROGRAMME_CONNECTION } from '../programme.constants';

/** An accepted allocation as listed: its parameters and result as stored (JSON). */
export interface AllocationRow {
  id: string;
  line: string;
  year: number;
  version: number;
  parameters: unknown;
  result: unknown;
  acceptedBy: string;
  acceptedAt: Date;
}

/** SQL of accepted allocations, versioned per budget line and year. */
@Injectable()
export class AllocationRepository {
  constructor(@InjectDataSource(PROGRAMME_CONNECTION) private readonly db: DataSource) {}

  async list(programmeId: string): Promise<AllocationRow[]> {
    return this.db.query(
      `SELECT id, line, year, version, parameters, result, accepted_by AS "acceptedBy", accepted_at AS "acceptedAt"
         FROM allocation WHERE programme_id = $1 ORDER BY year, line, version DESC`,
      [programmeId],
    );
  }

  /**
   * Stores an allocation as the next version of its line and year. The caller holds the
   * programme's row lock, so two acceptances cannot take the same version.
   */
  async insertNextVersion(
    manager: EntityManager,
    allocation: {
      programmeId: string;
      line: string;
      year: number;
      parameters: unknown;
      result: unknown;
      acceptedBy: string;
      acceptedAt: Date;
    },
  ): Promise<{ id: string; version: number }> {
    const [row] = await manager.query(
      `INSERT INTO allocation (programme_id, line, year, version, parameters, result, accepted_by, accepted_at)
       SELECT $1::uuid, $2::text, $3::int, coalesce(max(version), 0) + 1, $4::jsonb, $5::jsonb, $6::text, $7::timestamptz
         FROM allocation WHERE programme_id = $1 AND line = $2 AND year = $3
       RETURNING id, version`,
      [
        allocation.programmeId,
        allocation.line,
        allocation.year,
        JSON.stringify(allocation.parameters),
        JSON.stringify(allocation.result),
        allocation.acceptedBy,
        allocation.acceptedAt,
      ],
    );
    return { id: row.id, version: Number(row.version) };
  }
}
