import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventPayload } from '@quartier/contracts';
import { Inbox, OnEvent, type DeliveredEvent, type EventContext } from '@quartier/messaging';
import type { DataSource } from 'typeorm';
import { EVALUATION_CONNECTION } from '../evaluation.constants';
import { RefsRepository } from './refs.repository';

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
    private readonly refs: RefsRepository,
  ) {}

  @OnEvent(['programme.programme.upserted', 'programme.measure.upserted'], {
    consumer: 'evaluation.programme-read-model',
  })
  async apply(event: DeliveredEvent<ProgrammeFact>, context: EventContext): Promise<void> {
    await this.inbox.handleOnce(this.db, context.consumer, event, (manager) =>
      event.type === 'programme.programme.upserted'
        ? this.refs.upsertProgramme(
            manager,
            event.payload as EventPayload<'programme.programme.upserted'>,
            event.occurredAt,
          )
        : this.refs.upsertMeasure(
            manager,
            event.payload as EventPayload<'programme.measure.upserted'>,
            event.occurredAt,
          ),
    );
  }
}
