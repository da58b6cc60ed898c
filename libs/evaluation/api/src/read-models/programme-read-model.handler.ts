import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventPayload } from '@quartier/contracts';
import { Inbox, OnEvent, type DeliveredEvent, type EventContext } from '@quartier/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { EVALUATION_CONNECTION } from '../evaluation.constants';

type ProgrammeFact = 'programme.programme.upserted' | 'programme.measure.upserted';

/**
 * Keeps `programme_ref` and `measure_ref` in step with the programme service. Each event is
 * applied once (inbox, same transaction); an event older than the copy is ignored, so a replay
 * after a rebalance cannot roll a programme's areas back.
 */
@Injectable()
export class ProgrammeReadModelHandler {
  constructor(
    @InjectDataSource(EVALUATION_CONNECTION) private readonly db: DataSource,
    private readonly inbox: Inbox,
  ) {}

  @OnEvent(['programme.programme.upserted', 'programme.measure.upserted'], {
    consumer: 'evaluation.programme-read-model',
  })
  async apply(event: DeliveredEvent<ProgrammeFact>, context: EventContext): Promise<void> {
    await this.inbox.handleOnce(this.db, context.consumer, event, (manager) =>
      event.type === 'programme.programme.upserted'
        ? applyProgramme(
            manager,
            event.payload as EventPayload<'programme.programme.upserted'>,
            event.occurredAt,
          )
        : applyMeasure(
            manager,
            event.payload as EventPayload<'programme.measure.upserted'>,
            event.occurredAt,
          ),
    );
  }
}

async function applyProgramme(
  manager: EntityManager,
  p: EventPayload<'programme.programme.upserted'>,
  at: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO programme_ref (id, tenant_id, name, funder, status, funding_periods, area_ids, index_run_id, event_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, funder = EXCLUDED.funder, status = EXCLUDED.status,
       funding_periods = EXCLUDED.funding_periods, area_ids = EXCLUDED.area_ids,
       index_run_id = EXCLUDED.index_run_id, event_at = EXCLUDED.event_at
     WHERE programme_ref.tenant_id = EXCLUDED.tenant_id AND programme_ref.event_at <= EXCLUDED.event_at`,
    [
      p.id,
      p.tenantId,
      p.name,
      p.funder,
      p.status,
      JSON.stringify(p.fundingPeriods),
      [...new Set(p.areaIds)],
      p.indexRunId,
      at,
    ],
  );
}

async function applyMeasure(
  manager: EntityManager,
  m: EventPayload<'programme.measure.upserted'>,
  at: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO measure_ref (id, tenant_id, programme_id, title, area_ids, field_of_action, status, planned_start,
       planned_end, actual_start, actual_end, budget_cents, event_at)
     VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (id) DO UPDATE SET programme_id = EXCLUDED.programme_id, title = EXCLUDED.title,
       area_ids = EXCLUDED.area_ids, field_of_action = EXCLUDED.field_of_action, status = EXCLUDED.status,
       planned_start = EXCLUDED.planned_start, planned_end = EXCLUDED.planned_end,
       actual_start = EXCLUDED.actual_start, actual_end = EXCLUDED.actual_end,
       budget_cents = EXCLUDED.budget_cents, event_at = EXCLUDED.event_at
     WHERE measure_ref.tenant_id = EXCLUDED.tenant_id AND measure_ref.event_at <= EXCLUDED.event_at`,
    [
      m.id,
      m.tenantId,
      m.programmeId,
      m.title,
      [...new Set(m.areaIds)],
      m.fieldOfAction,
      m.status,
      m.plannedStart,
      m.plannedEnd,
      m.actualStart,
      m.actualEnd,
      m.budgetCents,
      at,
    ],
  );
}
