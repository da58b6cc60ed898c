// Integration tests talk to real infrastructure (STANDARDS: no mocks of our own infrastructure):
//  - PostgreSQL at DATABASE_URL, or a throw-away embedded PostgreSQL started here by the same
//    launcher as `npm start`'s (libs/persistence); each test file creates its own database from
//    this admin URL (libs/persistence/testing).
//  - Redis at REDIS_URL (default redis://127.0.0.1:6379; .ci/run starts it).
//  - a Kafka-protocol broker: librdkafka's mock cluster through kcat (tools/test-infra/kafka-mock.cjs).
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startKafkaMock } = require('./kafka-mock.cjs');

/** Jest transpiles what its global setup requires, TypeScript included. */
async function startEmbeddedTestPostgres() {
  const { startEmbeddedPostgres } = require('../../libs/persistence/src/embedded-postgres.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'quartier-test-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir, throwaway: true });
  return {
    url: pg.url,
    stop: async () => {
      await pg.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

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
