import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  createSchemaDataSource,
  createTestDatabase,
  migrateSchema,
  type TestDatabase,
} from '@quartier/persistence';
import type { DeliveredEvent, EventContext } from '../event-bus';
import { InProcessBroker } from '../in-process/in-process-broker';
import { Inbox } from '../inbox/inbox';
import { silentLogger } from '../logger';
import { messagingMigrations } from '../migrations';
import { OutboxRelay } from '../outbox/outbox-relay';
import { OutboxWriter } from '../outbox/outbox-writer';
import { areaPayload, until } from '../testing/fixtures';
import { MessagingModule } from './messaging.module';
import { OnEvent } from './on-event.decorator';

const REGISTRY_DS = 'registry-data-source';
const SURVEY_DS = 'survey-data-source';

jest.setTimeout(30_000);

// Embedded-mode wiring: two services in one Nest app, each with its own schema, DataSource and
// MessagingModule, meeting on one in-process broker; the relay runs with the app's lifecycle.
describe('MessagingModule with PostgreSQL (embedded mode)', () => {
  let db: TestDatabase;
  let registryDs: DataSource;
  let surveyDs: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('qt_msg_nest');
    registryDs = createSchemaDataSource({
      url: db.url,
      schema: 'registry',
      entities: [],
      migrations: messagingMigrations('registry'),
    });
    surveyDs = createSchemaDataSource({
      url: db.url,
      schema: 'survey',
      entities: [],
      migrations: messagingMigrations('survey'),
    });
    await registryDs.initialize();
    await surveyDs.initialize();
    await migrateSchema(registryDs);
    await migrateSchema(surveyDs);
    await surveyDs.query('CREATE TABLE survey.area_ref (id uuid PRIMARY KEY, name text NOT NULL)');
  });

  afterAll(async () => {
    await registryDs?.destroy();
    await surveyDs?.destroy();
    await db?.drop();
  });

  it('relays outbox rows after bootstrap to @OnEvent handlers, which apply them once through the inbox', async () => {
    @Global()
    @Module({
      providers: [
        { provide: REGISTRY_DS, useValue: registryDs },
        { provide: SURVEY_DS, useValue: surveyDs },
      ],
      exports: [REGISTRY_DS, SURVEY_DS],
    })
    class DatabaseModule {}

    @Injectable()
    class AreaRefProjector {
      calls = 0;
      constructor(
        @Inject(SURVEY_DS) private readonly dataSource: DataSource,
        readonly inbox: Inbox,
      ) {}

      @OnEvent('registry.area.upserted', { consumer: 'area-ref' })
      async onArea(event: DeliveredEvent<'registry.area.upserted'>, context: EventContext): Promise<void> {
        this.calls++;
        await this.inbox.handleOnce(this.dataSource, context.consumer, event, (manager) =>
          manager.query(
            'INSERT INTO survey.area_ref (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = $2',
            [event.payload.id, event.payload.name],
          ),
        );
      }
    }

    @Injectable()
    class AreasService {
      constructor(
        readonly outbox: OutboxWriter,
        readonly relay: OutboxRelay,
      ) {}
    }

    const broker = new InProcessBroker();
    @Module({
      imports: [
        MessagingModule.forRoot({
          service: 'registry',
          dataSource: REGISTRY_DS,
          inProcessBroker: broker,
          logger: silentLogger,
          relay: { pollIntervalMs: 50 },
        }),
      ],
      providers: [AreasService],
    })
    class RegistryModule {}
    @Module({
      imports: [
        MessagingModule.forRoot({
          service: 'survey',
          dataSource: SURVEY_DS,
          inProcessBroker: broker,
          logger: silentLogger,
          handlers: [AreaRefProjector],
        }),
      ],
      providers: [AreaRefProjector],
    })
    class SurveyModule {}
    @Module({ imports: [DatabaseModule, RegistryModule, SurveyModule] })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    // Each service module gets its own messaging providers, though both import MessagingModule.
    const { outbox: writer, relay } = app.get(AreasService);
    const projector = app.get(AreaRefProjector);
    expect(writer.schema).toBe('registry');
    expect(relay.schema).toBe('registry');
    expect(projector.inbox.schema).toBe('survey');
    expect(relay.isRunning).toBe(true);

    const id = randomUUID();
    const event = await registryDs.transaction((manager) =>
      writer.append(manager, 'registry.area.upserted', areaPayload({ id, name: 'Soldiner Straße' }), {
        tenantId: 'berlin-demo',
        key: id,
      }),
    );
    await until(
      async () => (await surveyDs.query('SELECT name FROM survey.area_ref WHERE id = $1', [id])).length === 1,
      10_000,
      'area_ref row',
    );
    expect(await surveyDs.query('SELECT name FROM survey.area_ref')).toEqual([{ name: 'Soldiner Straße' }]);
    expect(
      await registryDs.query('SELECT published_at IS NOT NULL AS sent FROM registry.outbox WHERE id = $1', [
        event.id,
      ]),
    ).toEqual([{ sent: true }]);

    // The same event relayed again (e.g. relay crashed before marking it sent): no second effect.
    await registryDs.query('UPDATE registry.outbox SET published_at = NULL WHERE id = $1', [event.id]);
    await until(() => projector.calls === 2, 10_000, 'redelivery');
    await broker.whenIdle();
    expect(await surveyDs.query('SELECT count(*)::int AS n FROM survey.inbox')).toEqual([{ n: 1 }]);

    await app.close();
    expect(relay.isRunning).toBe(false);
    expect(registryDs.isInitialized).toBe(true); // the app does not own these DataSources
  });
});
