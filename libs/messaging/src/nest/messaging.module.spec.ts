import { Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventBus, type BatchContext, type DeliveredEvent, type EventContext } from '../event-bus';
import { InProcessBroker } from '../in-process/in-process-broker';
import { InProcessEventBus } from '../in-process/in-process-event-bus';
import { KafkaEventBus } from '../kafka/kafka-event-bus';
import { Inbox } from '../inbox/inbox';
import { silentLogger } from '../logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';
import { areaPayload } from '../testing/fixtures';
import { MessagingModule } from './messaging.module';
import { OnEvent, OnEventBatch, eventHandlersOf } from './on-event.decorator';

@Injectable()
class AreaRefProjector {
  readonly seen: { type: string; consumer: string; areaId: string }[] = [];

  @OnEvent(['registry.area.upserted', 'registry.area.deleted'], { consumer: 'area-ref' })
  async onArea(
    event: DeliveredEvent<'registry.area.upserted' | 'registry.area.deleted'>,
    context: EventContext,
  ): Promise<void> {
    this.seen.push({ type: event.type, consumer: context.consumer, areaId: event.payload.id });
  }

  @OnEvent('registry.tenant.upserted')
  onTenant(event: DeliveredEvent<'registry.tenant.upserted'>): void {
    this.seen.push({ type: event.type, consumer: 'default', areaId: event.payload.tenantId });
  }
}

@Injectable()
class AreaBatchProjector {
  readonly batches: { consumer: string; codes: string[] }[] = [];

  @OnEventBatch('registry.area.upserted', { consumer: 'area-batches', maxBatch: 2 })
  async onAreas(
    events: readonly DeliveredEvent<'registry.area.upserted'>[],
    context: BatchContext,
  ): Promise<void> {
    this.batches.push({ consumer: context.consumer, codes: events.map((e) => e.payload.code) });
  }
}

describe('OnEventBatch', () => {
  it('records types, consumer and batch size (500 unless given)', () => {
    class Defaults {
      @OnEventBatch(['registry.area.deleted'])
      onDeleted(): void {}
    }
    expect(eventHandlersOf(AreaBatchProjector)).toEqual([
      {
        method: 'onAreas',
        types: ['registry.area.upserted'],
        consumer: 'area-batches',
        retry: undefined,
        maxBatch: 2,
      },
    ]);
    expect(eventHandlersOf(Defaults)[0]).toMatchObject({ consumer: 'Defaults.onDeleted', maxBatch: 500 });
  });

  it('subscribes batch handlers through the module: events arrive in batches of maxBatch', async () => {
    const broker = new InProcessBroker();
    @Module({
      imports: [
        MessagingModule.forRoot({
          service: 'indicator',
          dataSource: null,
          inProcessBroker: broker,
          logger: silentLogger,
          handlers: [AreaBatchProjector],
        }),
      ],
      providers: [AreaBatchProjector],
    })
    class IndicatorModule {}
    const app = await boot(IndicatorModule);
    const registry = new InProcessEventBus({ service: 'registry', broker, logger: silentLogger });
    for (const code of ['A', 'B', 'C']) {
      const area = areaPayload({ code });
      await registry.publish('registry.area.upserted', area, { tenantId: 'berlin-demo', key: area.id });
    }
    await broker.whenIdle();
    expect(app.get(AreaBatchProjector).batches).toEqual([
      { consumer: 'area-batches', codes: ['A', 'B'] },
      { consumer: 'area-batches', codes: ['C'] },
    ]);
    await app.close();
    await registry.close();
  });
});

describe('OnEvent', () => {
  it('records types and consumer names, defaulting to Class.method', () => {
    expect(eventHandlersOf(AreaRefProjector)).toEqual([
      {
        method: 'onArea',
        types: ['registry.area.upserted', 'registry.area.deleted'],
        consumer: 'area-ref',
        retry: undefined,
      },
      {
        method: 'onTenant',
        types: ['registry.tenant.upserted'],
        consumer: 'AreaRefProjector.onTenant',
        retry: undefined,
      },
    ]);
    class Plain {}
    expect(eventHandlersOf(Plain)).toEqual([]);
  });
});

const boot = (module: Type) =>
  NestFactory.createApplicationContext(module, { logger: false, abortOnError: false });

describe('MessagingModule', () => {
  it('wires an in-process bus without brokers, subscribes @OnEvent handlers and closes with the app', async () => {
    const broker = new InProcessBroker();
    @Module({
      imports: [
        MessagingModule.forRoot({
          service: 'reporting',
          dataSource: null,
          inProcessBroker: broker,
          logger: silentLogger,
          handlers: [AreaRefProjector],
        }),
      ],
      providers: [AreaRefProjector],
    })
    class ReportingModule {}
    const app = await boot(ReportingModule);
    const bus = app.get(EventBus);
    expect(bus).toBeInstanceOf(InProcessEventBus);
    expect(app.get(OutboxWriter).schema).toBe('reporting');
    expect(app.get(Inbox).schema).toBe('reporting');
    expect(() => app.get(OutboxRelay)).toThrow();

    const registry = new InProcessEventBus({ service: 'registry', broker, logger: silentLogger });
    const area = areaPayload();
    await registry.publish('registry.area.upserted', area, { tenantId: 'berlin-demo', key: area.id });
    await registry.publish(
      'registry.tenant.upserted',
      { tenantId: 'berlin-demo', name: 'Berlin (Demo)', levels: [] },
      { tenantId: 'berlin-demo', key: 'berlin-demo' },
    );
    await broker.whenIdle();
    expect(app.get(AreaRefProjector).seen).toEqual([
      { type: 'registry.area.upserted', consumer: 'area-ref', areaId: area.id },
      { type: 'registry.tenant.upserted', consumer: 'default', areaId: 'berlin-demo' },
    ]);

    await app.close();
    await expect(bus.publishRaw([])).rejects.toThrow('event bus is closed');
    await registry.close();
  });

  it('chooses Kafka when brokers are configured (no connection before use)', async () => {
    @Module({
      imports: [
        MessagingModule.forRoot({
          service: 'registry',
          schema: 'registry_x',
          dataSource: null,
          kafkaBrokers: '127.0.0.1:1, 127.0.0.1:2',
          logger: silentLogger,
        }),
      ],
    })
    class RegistryModule {}
    const app = await boot(RegistryModule);
    expect(app.get(EventBus)).toBeInstanceOf(KafkaEventBus);
    expect(app.get(OutboxWriter).schema).toBe('registry_x');
    await app.close();
  });

  it('refuses a handler class without @OnEvent methods', async () => {
    @Injectable()
    class NotAHandler {}
    @Module({
      imports: [
        MessagingModule.forRoot({
          service: 'survey',
          dataSource: null,
          inProcessBroker: new InProcessBroker(),
          logger: silentLogger,
          handlers: [NotAHandler],
        }),
      ],
      providers: [NotAHandler],
    })
    class SurveyModule {}
    await expect(boot(SurveyModule)).rejects.toThrow(
      'NotAHandler is listed as event handler but has no @OnEvent method',
    );
  });
});
