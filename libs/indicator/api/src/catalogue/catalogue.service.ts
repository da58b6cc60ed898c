import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Caller } from '@quartier/auth';
import { parseFormula } from '@quartier/indicator-core';
import type { DataSource, EntityManager } from 'typeorm';
import { requireTenantWide } from '../common/access';
import { IndicatorServiceError } from '../common/indicator-service.error';
import { defaultScale, type IndicatorContent, type IndicatorView } from './indicator.dto';
import { IndicatorDefinitionRepository, type DefinitionRow } from './indicator-definition.repository';

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
  constructor(
    @InjectDataSource('indicator') private readonly db: DataSource,
    private readonly definitions: IndicatorDefinitionRepository,
  ) {}

  async list(
    tenantId: string,
    filter: { source?: 'manual' | 'network'; q?: string } = {},
  ): Promise<IndicatorView[]> {
    return (await this.definitions.live(tenantId, filter)).map(toIndicatorView);
  }

  async get(
    tenantId: string,
    code: string,
    manager: EntityManager = this.db.manager,
  ): Promise<IndicatorView> {
    const row = await this.definitions.liveByCode(tenantId, code, manager);
    if (!row) throw new IndicatorServiceError('IndicatorNotFound', `indicator ${code} not found`);
    return toIndicatorView(row);
  }

  async versions(tenantId: string, code: string): Promise<IndicatorView[]> {
    const current = await this.get(tenantId, code);
    return (await this.definitions.versions(current.id)).map(toIndicatorView);
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

  /** A caller's new definition: catalogue edits need a tenant-wide grant. */
  async create(caller: Caller, code: string, content: IndicatorContent): Promise<IndicatorView> {
    requireTenantWide(caller.access);
    return this.define(caller.tenantId, caller.subject, code, content);
  }

  /**
   * Writes a new definition without a caller to check: for the service's own writers, such as
   * the metrics the network service publishes, which bring their definitions along.
   */
  async define(
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
      const existing = await this.definitions.lockAnyByCode(m, tenantId, code);
      if (existing && !existing.deleted)
        throw new IndicatorServiceError('IndicatorExists', `indicator ${code} exists already`);
      let id: string;
      let version = 1;
      if (existing) {
        id = existing.id;
        version = existing.version + 1;
        await this.definitions.revive(m, id, version, sourceKind);
      } else {
        id = await this.definitions.insert(m, tenantId, code, sourceKind);
      }
      await this.definitions.insertVersion(m, {
        definitionId: id,
        version,
        tenantId,
        body: content,
        createdBy,
      });
      return this.get(tenantId, code, m);
    };
    return manager ? run(manager) : this.db.transaction(run);
  }

  async update(caller: Caller, code: string, content: IndicatorContent): Promise<IndicatorView> {
    requireTenantWide(caller.access);
    const { tenantId, subject: updatedBy } = caller;
    return this.db.transaction(async (m) => {
      const locked = await this.definitions.lockLiveByCode(m, tenantId, code);
      if (!locked) throw new IndicatorServiceError('IndicatorNotFound', `indicator ${code} not found`);
      const { id, version } = locked;
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
      await this.definitions.insertVersion(m, {
        definitionId: id,
        version: version + 1,
        tenantId,
        body: content,
        createdBy: updatedBy,
      });
      await this.definitions.setCurrentVersion(m, id, version + 1);
      return this.get(tenantId, code, m);
    });
  }

  /** Soft delete: the values and versions stay (reports and index runs reference them). */
  async remove(caller: Caller, code: string): Promise<void> {
    requireTenantWide(caller.access);
    if (!(await this.definitions.softDelete(caller.tenantId, code)))
      throw new IndicatorServiceError('IndicatorNotFound', `indicator ${code} not found`);
  }

  /** Code → reference of every live definition (imports resolve codes through it). */
  async refs(tenantId: string, manager: EntityManager = this.db.manager): Promise<Map<string, IndicatorRef>> {
    const rows = await this.definitions.live(tenantId, {}, manager);
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
