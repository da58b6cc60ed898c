// A consumer process that dies (SIGKILL, no shutdown) right after the effect of its N-th event
// committed — before kafkajs could commit the offset. Used by kafka.int-spec.ts.
import { createSchemaDataSource } from '@quartier/persistence';
import { Inbox } from '../inbox/inbox';
import { KafkaEventBus } from '../kafka/kafka-event-bus';
import { silentLogger } from '../logger';

async function main(): Promise<void> {
  const { KAFKA_BROKERS, DATABASE_URL, CONSUMER, CRASH_AFTER, TENANT } = process.env;
  if (!KAFKA_BROKERS || !DATABASE_URL || !CONSUMER || !CRASH_AFTER || !TENANT)
    throw new Error('KAFKA_BROKERS, DATABASE_URL, CONSUMER, CRASH_AFTER, TENANT required');
  const dataSource = createSchemaDataSource({
    url: DATABASE_URL,
    schema: 'survey',
    entities: [],
    migrations: [],
  });
  await dataSource.initialize();
  const inbox = new Inbox({ schema: 'survey' });
  const bus = new KafkaEventBus({
    service: 'survey',
    brokers: KAFKA_BROKERS.split(','),
    logger: silentLogger,
    consumer: {
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
      rebalanceTimeoutMs: 3000,
      maxWaitTimeMs: 100,
    },
  });
  let handled = 0;
  await bus.subscribe(CONSUMER, ['registry.area.upserted'], async (event, context) => {
    if (event.tenantId !== TENANT) return;
    await inbox.handleOnce(dataSource, context.consumer, event, (manager) =>
      manager.query('INSERT INTO survey.effects (event_id, handled_by) VALUES ($1, $2)', [
        event.id,
        `child:${process.pid}`,
      ]),
    );
    handled++;
    process.stdout.write(`handled ${event.id}\n`);
    if (handled === Number(CRASH_AFTER)) process.kill(process.pid, 'SIGKILL');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
