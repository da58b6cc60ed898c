import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@quartier/messaging';
import type { EntityManager } from 'typeorm';
import { ProgrammeRepository } from './programme.repository';

/** `programme.programme.upserted` after any change of a programme or its areas (same transaction). */
@Injectable()
export class ProgrammeEvents {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async programmeChanged(manager: EntityManager, tenantId: string, programmeId: string): Promise<void> {
    const row = await this.programmes.find(tenantId, programmeId, manager);
    if (!row) return;
    await this.outbox.append(
      manager,
      'programme.programme.upserted',
      {
        tenantId,
        id: row.id,
        name: row.name,
        funder: row.funder,
        status: row.status,
        fundingPeriods: row.fundingPeriods.map((p) => ({ from: p.from, to: p.to })),
        areaIds: await this.programmes.areaIds(programmeId, manager),
        indexRunId: await this.programmes.selectionRun(programmeId, manager),
      },
      { tenantId, key: `${tenantId}:${programmeId}` },
    );
  }
}
