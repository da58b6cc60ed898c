import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parseFormula } from '@quartier/indicator-core';
import type { DataSource, EntityManager } from 'typeorm';
import { IndicatorServiceError } from '../common/indicator-service.error';
import { defaultScale, type IndicatorContent, type IndicatorView } from './indicator.dto';

interface DefinitionRow {
  id: string;
  code: string;
  version: number;
  sourceKind: 'manual' | 'network';
  body: IndicatorContent;
  createdBy: string;
  updatedAt: Date;
}

/** What imports and reads need of a definition: id, version, scale and publication rule. */
export interface IndicatorRef {
  id: string;
  code: string;
  version: number;
  scale: number;
  polarity: IndicatorContent['polarity'];
  confidentiality: IndicatorContent['confidentiality'];
  /** Imports take only periods of this kind (irregular: any). */
  periodicity: IndicatorContent['periodicity'];
}

const SELECT_CURRENT = `
  SELECT d.id, d.code, d.current_version AS version, d.source_kind AS "sourceKind", v.body, v.created_by AS "createdBy", v.created_at AS "updatedAt"
    FROM indicator_definition d
    JOIN indicator_definition_version v ON v.definition_id = d.id AND v.version = d.current_version`;

export function toIndicatorView(row: DefinitionRow): IndicatorView {
  const body = row.body;
  const elements = body.formula
    ? parseFormula(body.formula).elements
    : [body.numerator, body.denominator].filter((e): e is string => !!e);
  return {
    ...body,
    id: row.id,
    code: row.code,
    version: row.version,
    effectiveScale: body.scale ?? defaultScale(body.unit),
    sourceKind: row.sourceKind,
    elements,
    createdBy: row.createdBy,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export function toIndicatorRef(view: IndicatorView): IndicatorRef {
  return {
    id: view.id,
    code: view.code,
    version: view.version,
    scale: view.effectiveScale,
    polarity: view.polarity,
    confidentiality: view.confidentiality,
    periodicity: view.periodicity,
  };
}

/**
 * The versioned catalogue. A definition row holds the code and the current version; every
 * create or change writes a new immutable version row, so values stored under version 3 keep
 * pointing at what "version 3" meant.
 */
@Injectable()
export class CatalogueService {
  constructor(@InjectDataSource('indicator') private readonly db: DataSource) {}

  async list(
    tenantId: string,
    filter: { source?: 'manual' | 'network'; q?: string } = {},
  ): Promise<IndicatorView[]> {
    const params: unknown[] = [tenantId];
    let where = 'd.tenant_id = $1 AND d.deleted_at IS NULL';
    if (filter.source) {
      params.push(filter.source);
      where += ` AND d.source_kind = $${params.length}`;
    }
    if (filter.q) {
      params.push(`%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
      where += ` AND (d.code ILIKE $${params.length} OR v.body->'name'->>'de' ILIKE $${params.length} OR v.body->'name'->>'en' ILIKE $${params.length})`;
    }
    const rows: DefinitionRow[] = await this.db.query(
      `${SELECT_CURRENT} WHERE ${where} ORDER BY d.code`,
      params,
    );
    return rows.map(toIndicatorView);
  }

  async get(
    tenantId: string,
    code: string,
    manager: EntityManager = this.db.manager,
  ): Promise<IndicatorView> {
    const rows: DefinitionRow[] = await manager.query(
      `${SELECT_CURRENT} WHERE d.tenant_id = $1 AND d.code = $2 AND d.deleted_at IS NULL`,
      [tenantId, code],
    );
    if (rows.length === 0)
      throw new IndicatorServiceError('IndicatorNotFound', `indicator ${code} not found`);
    return toIndicatorView(rows[0]);
  }

  async versions(tenantId: string, code: string): Promise<IndicatorView[]> {
    const current = await this.get(tenantId, code);
    const rows: DefinitionRow[] = await this.db.query(
      `SELECT d.id, d.code, v.version, d.source_kind AS "sourceKind", v.body, v.created_by AS "createdBy", v.created_at AS "updatedAt"
         FROM indicator_definition d JOIN indicator_definition_version v ON v.definition_id = d.id
        WHERE d.id = $1 ORDER BY v.version`,
      [current.id],
    );
    return rows.map(toIndicatorView);
  }

  async version(tenantId: string, code: string, version: number): Promise<IndicatorView> {
    const found = (await this.versions(tenantId, code)).find((v) => v.version === version);
    if (!found)
      throw new IndicatorServiceError(
        'IndicatorVersionNotFound',
        `indicator ${code} has no version ${version}`,
      );
    return found;
  }

  async create(
    tenantId: string,
    createdBy: string,
    code: string,
    content: IndicatorContent,
    sourceKind: 'manual' | 'network' = 'manual',
    manager?: EntityManager,
  ): Promise<IndicatorView> {
    const run = async (m: EntityManager) => {
      // A deleted definition's code may be reused: it comes back as its next version, so old
      // values keep their history.
      const existing: { id: string; deleted: boolean; version: number }[] = await m.query(
        `SELECT id, deleted_at IS NOT NULL AS deleted, current_version AS version FROM indicator_definition WHERE tenant_id = $1 AND code = $2 FOR UPDATE`,
        [tenantId, code],
      );
      if (existing.length > 0 && !existing[0].deleted)
        throw new IndicatorServiceError('IndicatorExists', `indicator ${code} exists already`);
      let id: string;
      let version = 1;
      if (existing.length > 0) {
        id = existing[0].id;
        version = existing[0].version + 1;
        await m.query(
          `UPDATE indicator_definition SET current_version = $2, deleted_at = NULL, source_kind = $3, updated_at = now() WHERE id = $1`,
          [id, version, sourceKind],
        );
      } else {
        [{ id }] = await m.query(
          `INSERT INTO indicator_definition (tenant_id, code, current_version, source_kind) VALUES ($1, $2, 1, $3) RETURNING id`,
          [tenantId, code, sourceKind],
        );
      }
      await m.query(
        `INSERT INTO indicator_definition_version (definition_id, version, tenant_id, body, created_by) VALUES ($1, $2, $3, $4, $5)`,
        [id, version, tenantId, JSON.stringify(content), createdBy],
      );
      return this.get(tenantId, code, m);
    };
    return manager ? run(manager) : this.db.transaction(run);
  }

  async update(
    tenantId: string,
    updatedBy: string,
    code: string,
    content: IndicatorContent,
  ): Promise<IndicatorView> {
    return this.db.transaction(async (m) => {
      const rows: { id: string; version: number }[] = await m.query(
        `SELECT id, current_version AS version FROM indicator_definition WHERE tenant_id = $1 AND code = $2 AND deleted_at IS NULL FOR UPDATE`,
        [tenantId, code],
      );
      if (rows.length === 0)
        throw new IndicatorServiceError('IndicatorNotFound', `indicator ${code} not found`);
      const { id, version } = rows[0];
      const current = await this.get(tenantId, code, m);
      const {
        id: _id,
        code: _code,
        version: _v,
        effectiveScale: _s,
        sourceKind: _k,
        elements: _e,
        createdBy: _c,
        updatedAt: _u,
        ...previous
      } = current;
      // An unchanged body is not a new version (PUT is idempotent).
      if (JSON.stringify(canonical(previous)) === JSON.stringify(canonical(content))) return current;
      await m.query(
        `INSERT INTO indicator_definition_version (definition_id, version, tenant_id, body, created_by) VALUES ($1, $2, $3, $4, $5)`,
        [id, version + 1, tenantId, JSON.stringify(content), updatedBy],
      );
      await m.query(
        `UPDATE indicator_definition SET current_version = $2, updated_at = now() WHERE id = $1`,
        [id, version + 1],
      );
      return this.get(tenantId, code, m);
    });
  }

  /** Soft delete: the values and versions stay (reports and index runs reference them). */
  async remove(tenantId: string, code: string): Promise<void> {
    const result: [unknown[], number] = await this.db.query(
      `UPDATE indicator_definition SET deleted_at = now(), updated_at = now() WHERE tenant_id = $1 AND code = $2 AND deleted_at IS NULL`,
      [tenantId, code],
    );
    if (result[1] === 0) throw new IndicatorServiceError('IndicatorNotFound', `indicator ${code} not found`);
  }

  /** Code → reference of every live definition (imports resolve codes through it). */
  async refs(tenantId: string, manager: EntityManager = this.db.manager): Promise<Map<string, IndicatorRef>> {
    const rows: DefinitionRow[] = await manager.query(
      `${SELECT_CURRENT} WHERE d.tenant_id = $1 AND d.deleted_at IS NULL`,
      [tenantId],
    );
    return new Map(rows.map((r) => [r.code, toIndicatorRef(toIndicatorView(r))]));
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}
