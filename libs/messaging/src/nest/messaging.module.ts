import {
  Inject,
  Injectable,
  Module,
  Optional,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type InjectionToken,
  type OnApplicationBootstrap,
  type OnModuleInit,
  type Provider,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { ServiceName } from '@quartier/contracts';
import { createEventBus, type EventBusConfig } from '../create-event-bus';
import {
  EventBus,
  type BatchEventHandler,
  type EventContext,
  type EventHandler,
  type Subscription,
} from '../event-bus';
import { Inbox } from '../inbox/inbox';
import { defaultLogger } from '../logger';
import { OutboxRelay, type OutboxRelayOptions } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';
import { eventHandlersOf } from './on-event.decorator';

export const MESSAGING_OPTIONS = Symbol('quartier:messaging-options');

export interface MessagingModuleOptions extends EventBusConfig {
  service: ServiceName;
  /** The service's PostgreSQL schema (outbox and inbox tables); defaults to the service name. */
  schema?: string;
  /**
   * Token of the service's TypeORM DataSource, resolvable from this module (TypeOrmModule's are
   * global). Default: the `DataSource` class. `null`: no database, hence no outbox relay.
   */
  dataSource?: InjectionToken | null;
  /** Relay tuning, or false to run no relay in this process. */
  relay?: false | Omit<OutboxRelayOptions, 'dataSource' | 'bus' | 'schema' | 'logger'>;
  /** Provider classes with @OnEvent methods; they are subscribed when the module initialises. */
  handlers?: Type[];
}

/**
 * Subscribes the handlers before any relay starts (every onModuleInit runs before every
 * onApplicationBootstrap), so in-process delivery misses nothing; stops the relay before the
 * bus, and both before TypeORM closes its pool (onApplicationShutdown).
 */
@Injectable()
export class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    private readonly bus: EventBus,
    private readonly moduleRef: ModuleRef,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const handlerClass of this.options.handlers ?? []) {
      const metadata = eventHandlersOf(handlerClass);
      if (metadata.length === 0)
        throw new Error(
          `${handlerClass.name} is listed as event handler but has no @OnEvent method (nor an @OnEventBatch one)`,
        );
      const instance: Record<string | symbol, unknown> = this.moduleRef.get(handlerClass, { strict: false });
      for (const entry of metadata) {
        const method = instance[entry.method];
        if (typeof method !== 'function')
          throw new Error(`${handlerClass.name}.${String(entry.method)} is not a method`);
        if (entry.maxBatch !== undefined) {
          const batchHandler: BatchEventHandler<(typeof entry.types)[number]> = (events, context) =>
            method.call(instance, events, context);
          this.subscriptions.push(
            await this.bus.subscribeBatch(entry.consumer, entry.types, batchHandler, {
              retry: entry.retry,
              maxBatch: entry.maxBatch,
              maxBatchBytes: entry.maxBatchBytes,
            }),
          );
          continue;
        }
        const handler: EventHandler<(typeof entry.types)[number]> = (event, context: EventContext) =>
          method.call(instance, event, context);
        this.subscriptions.push(
          await this.bus.subscribe(entry.consumer, entry.types, handler, { retry: entry.retry }),
        );
      }
    }
  }

  onApplicationBootstrap(): void {
    this.relay?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.bus.close();
  }
}

/**
 * Messaging for one service: `EventBus` (Kafka when `kafkaBrokers` is set, else in-process),
 * `OutboxWriter`, `Inbox`, and the `OutboxRelay` running with the application's lifecycle.
 * Import it once per service module (not global: the embedded platform hosts several services).
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const schema = options.schema ?? options.service;
    const dataSourceToken = options.dataSource === undefined ? DataSource : options.dataSource;
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useValue: options },
      {
        provide: EventBus,
        useFactory: () =>
          createEventBus({
            ...options,
            logger: options.logger ?? defaultLogger(options.service, 'messaging'),
          }),
      },
      { provide: OutboxWriter, useValue: new OutboxWriter({ service: options.service, schema }) },
      { provide: Inbox, useValue: new Inbox({ schema }) },
      MessagingLifecycle,
    ];
    const exported: InjectionToken[] = [EventBus, OutboxWriter, Inbox];
    if (dataSourceToken !== null && options.relay !== false) {
      providers.push({
        provide: OutboxRelay,
        inject: [EventBus, dataSourceToken],
        useFactory: (bus: EventBus, dataSource: DataSource) =>
          new OutboxRelay({
            ...(options.relay || {}),
            dataSource,
            bus,
            schema,
            logger: options.logger ?? defaultLogger(options.service, 'outbox-relay'),
          }),
      });
      exported.push(OutboxRelay);
    }
    return { module: MessagingModule, providers, exports: exported };
  }
}
