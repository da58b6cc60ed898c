import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AuthModule } from '@quartier/auth';
import { IndicatorApiModule } from '@quartier/indicator-api';
import { createTestDatabase, type TestDatabase } from '@quartier/persistence';
import {
  AreaImportsService,
  RegistryAccessDirectory,
  RegistryApiModule,
  RoleAssignmentsService,
  TenantsService,
  TWO_DISTRICT_TEST_CITY,
  twoDistrictTestCityAreas,
} from '@quartier/registry-api';
import { createReadModelAccessDirectory, RuntimeModule, type RuntimeConfig } from '@quartier/service-kit';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

/**
 * registry → outbox → bus → indicator's area_ref / role_assignment_ref, once in one process
 * (embedded mode, in-process bus) and once as two separate applications talking through the
 * Kafka wire protocol (distributed mode, librdkafka mock cluster).
 */
describe('registry read models in another service', () => {
  let database: TestDatabase;
  const contexts: INestApplicationContext[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('platform');
  });
  afterAll(async () => {
    for (const context of contexts.reverse()) await context.close();
    await database.drop();
  });

  async function start(
    modules: ReturnType<typeof RegistryApiModule.forRoot>[],
    runtime: RuntimeConfig,
    directory: 'registry' | 'indicator',
  ) {
    @Module({
      imports: [
        RuntimeModule.forRoot(runtime),
        AuthModule.forRoot({
          accessDirectory:
            directory === 'registry' ? RegistryAccessDirectory : createReadModelAccessDirectory('indicator'),
          options: { issuer: 'http://127.0.0.1:1/oidc' },
        }),
        ...modules,
      ],
    })
    class TestModule {}
    const context = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await context.init();
    contexts.push(context);
    return context;
  }

  async function seedMusterstadt(registry: INestApplicationContext, tenantId: string) {
    await registry
      .get(TenantsService)
      .upsert(tenantId, `${TWO_DISTRICT_TEST_CITY.name} ${tenantId}`, TWO_DISTRICT_TEST_CITY.levels);
    const work = mkdtempSync(join(tmpdir(), 'read-model-'));
    for (const level of TWO_DISTRICT_TEST_CITY.levels) {
      const file = join(work, `${level.key}.geojson`);
      writeFileSync(file, JSON.stringify(twoDistrictTestCityAreas(level.key)));
      const job = await registry.get(AreaImportsService).importFile(
        tenantId,
        'test',
        {
          level: level.key,
          codeProperty: 'id',
          nameProperty: 'name',
          parentFrom: 'code-prefix',
          populationProperty: 'ew',
          validFrom: '2020-01-01',
        },
        file,
      );
      expect(job.status).toBe('succeeded');
    }
    const [nord] = await registry
      .get<DataSource>(getDataSourceToken('registry'))
      .query(`SELECT id FROM area WHERE tenant_id = $1 AND code = 'N'`, [tenantId]);
    await registry
      .get(RoleAssignmentsService)
      .grant(tenantId, { subject: 'planer', role: 'planner', areaId: nord.id, programmeId: null });
    return nord.id as string;
  }

  async function eventually<T>(
    probe: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs = 30000,
  ): Promise<T> {
    const until = Date.now() + timeoutMs;
    let value = await probe();
    while (!done(value) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      value = await probe();
    }
    return value;
  }

  it('embedded: the indicator service sees every area with its path, and scope checks work from its copy', async () => {
    const runtime: RuntimeConfig = {
      databaseUrl: database.url,
      oidcIssuer: 'http://127.0.0.1:1/oidc',
      oidcAudience: 'quartier-api',
    };
    const app = await start(
      [RegistryApiModule.forRoot(runtime), IndicatorApiModule.forRoot(runtime)],
      runtime,
      'registry',
    );
    const nordId = await seedMusterstadt(app, 'muster-embedded');
    const indicator = app.get<DataSource>(getDataSourceToken('indicator'));
    const rows = await eventually(
      () =>
        indicator.query(
          `SELECT code, level, cardinality(path) AS depth FROM indicator.area_ref WHERE tenant_id = 'muster-embedded' ORDER BY code`,
        ),
      (r: unknown[]) => r.length === 10,
    );
    expect(rows).toEqual([
      { code: 'N', level: 'stadtbezirk', depth: 0 },
      ...[1, 2, 3, 4].map((i) => ({ code: `N${i}`, level: 'stadtteil', depth: 1 })),
      { code: 'S', level: 'stadtbezirk', depth: 0 },
      ...[1, 2, 3, 4].map((i) => ({ code: `S${i}`, level: 'stadtteil', depth: 1 })),
    ]);
    const directory = createReadModelAccessDirectory('indicator');
    const copy = new directory(indicator);
    const assignments = await eventually(
      () => copy.assignmentsOf('muster-embedded', 'planer'),
      (a) => a.length === 1,
    );
    expect(assignments).toEqual([{ role: 'planner', areaId: nordId, programmeId: null }]);
    const [n1] = await indicator.query(
      `SELECT id FROM indicator.area_ref WHERE tenant_id = 'muster-embedded' AND code = 'N1'`,
    );
    expect(await copy.ancestorsOf('muster-embedded', n1.id)).toEqual([nordId]);
    expect(await copy.ancestorsOf('someone-else', n1.id)).toBeNull();
  });

  it('distributed: registry and indicator as separate applications over the Kafka wire protocol', async () => {
    const brokers = (process.env['KAFKA_BROKERS'] as string).split(',');
    const runtime: RuntimeConfig = {
      databaseUrl: database.url,
      kafkaBrokers: brokers,
      oidcIssuer: 'http://127.0.0.1:1/oidc',
      oidcAudience: 'quartier-api',
    };
    const indicatorApp = await start([IndicatorApiModule.forRoot(runtime)], runtime, 'indicator');
    const registryApp = await start([RegistryApiModule.forRoot(runtime)], runtime, 'registry');
    await seedMusterstadt(registryApp, 'muster-kafka');
    const indicator = indicatorApp.get<DataSource>(getDataSourceToken('indicator'));
    const rows = await eventually(
      () =>
        indicator.query(`SELECT count(*)::int AS n FROM indicator.area_ref WHERE tenant_id = 'muster-kafka'`),
      (r: { n: number }[]) => r[0].n === 10,
      45000,
    );
    expect(rows).toEqual([{ n: 10 }]);
    const inbox = await indicator.query(
      `SELECT count(*)::int AS n FROM indicator.inbox WHERE consumer = 'indicator.registry-read-model'`,
    );
    expect(inbox[0].n).toBeGreaterThanOrEqual(11);
  }, 60000);
});
