import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SURVEY_CONNECTION } from '../survey.constants';

/** Who operates a tenant's public forms, and where its imprint and privacy notice are. */
export interface PublicOperator {
  readonly name: string | null;
  readonly imprintUrl: string | null;
  readonly privacyUrl: string | null;
}

const TTL_MS = 60_000;

/** Reads the `tenant_profile` read model; public pages are hot, so answers are kept a minute. */
@Injectable()
export class TenantProfileStore {
  private readonly cache = new Map<string, { operator: PublicOperator | null; expires: number }>();

  constructor(@InjectDataSource(SURVEY_CONNECTION) private readonly db: DataSource) {}

  async operatorOf(tenantId: string): Promise<PublicOperator | null> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.expires > Date.now()) return cached.operator;
    const rows: { name: string | null; imprintUrl: string | null; privacyUrl: string | null }[] =
      await this.db.query(
        `SELECT operator_name AS name, imprint_url AS "imprintUrl", privacy_url AS "privacyUrl"
           FROM tenant_profile WHERE tenant_id = $1`,
        [tenantId],
      );
    const row = rows[0];
    const operator = row && (row.name || row.imprintUrl || row.privacyUrl) ? row : null;
    this.cache.set(tenantId, { operator, expires: Date.now() + TTL_MS });
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value as string);
    return operator;
  }
}
