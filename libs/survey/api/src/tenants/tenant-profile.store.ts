import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { TenantProfileRepository } from './tenant-profile.repository';

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
  /** Boxed: a tenant without a profile (null) is an answer worth keeping too. */
  private readonly cache = new LRUCache<string, { operator: PublicOperator | null }>({
    max: 1000,
    ttl: TTL_MS,
  });

  constructor(private readonly profiles: TenantProfileRepository) {}

  async operatorOf(tenantId: string): Promise<PublicOperator | null> {
    const cached = this.cache.get(tenantId);
    if (cached) return cached.operator;
    const row = await this.profiles.find(tenantId);
    const operator = row && (row.name || row.imprintUrl || row.privacyUrl) ? row : null;
    this.cache.set(tenantId, { operator });
    return operator;
  }
}
