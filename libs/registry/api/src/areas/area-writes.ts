import { Injectable } from '@nestjs/common';

/**
 * The area writes this process has committed, counted per tenant (imports, edits). What is kept
 * in memory about a tenant's areas keys on the count — the tiles' level stamps — and so is read
 * afresh right after a write here instead of answering from a stamp read before it. Another
 * replica of the registry catches up on its own (the stamps' TTL).
 */
@Injectable()
export class AreaWrites {
  private readonly counts = new Map<string, number>();

  /** Call after the transaction that wrote the tenant's areas has committed. */
  committed(tenantId: string): void {
    this.counts.set(tenantId, this.count(tenantId) + 1);
  }

  count(tenantId: string): number {
    return this.counts.get(tenantId) ?? 0;
  }
}
