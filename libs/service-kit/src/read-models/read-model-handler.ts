import { Injectable, type Type } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventType, ServiceName } from '@quartier/contracts';
import { Inbox, OnEventBatch, type BatchContext, type DeliveredEvent } from '@quartier/messaging';
import type { DataSource, EntityManager } from 'typeorm';

/** A read model every service may keep: the facts it copies and how a batch of them is applied. */
export interface ReadModel<K extends EventType> {
  /** The handler class is `<service><handlerName>` (Nest and the logs tell handlers apart by it). */
  handlerName: string;
  /** The inbox consumer is `<service>.<consumer>`. */
  consumer: string;
  facts: readonly K[];
  /** Events per transaction. */
  maxBatch: number;
  apply(manager: EntityManager, events: readonly DeliveredEvent<K>[]): Promise<void>;
}

/**
 * The handler keeping a service's copy of a read model in step. Events come in batches and each
 * batch is applied in one transaction together with its inbox rows, so each event takes effect
 * once; one batch at a time keeps the service's connection pool free for readers, who see the
 * last committed batch.
 */
export function createReadModelHandler<K extends EventType>(
  service: ServiceName,
  connectionName: string,
  model: ReadModel<K>,
): Type<unknown> {
  @Injectable()
  class ReadModelHandler {
    constructor(
      @InjectDataSource(connectionName) private readonly db: DataSource,
      private readonly inbox: Inbox,
    ) {}

    @OnEventBatch(model.facts, { consumer: `${service}.${model.consumer}`, maxBatch: model.maxBatch })
    async apply(events: readonly DeliveredEvent<K>[], context: BatchContext): Promise<void> {
      await this.inbox.handleBatchOnce(this.db, context.consumer, events, (manager, fresh) =>
        model.apply(manager, fresh),
      );
    }
  }
  Object.defineProperty(ReadModelHandler, 'name', { value: `${service}${model.handlerName}` });
  return ReadModelHandler;
}
