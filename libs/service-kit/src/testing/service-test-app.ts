import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createDevIdentityProvider, DEMO_PASSWORD, requestPasswordGrant } from '@quartier/auth';
import { EVENTS, type EventEnvelope, type EventType, type Role } from '@quartier/contracts';
import {
  defaultInProcessBroker,
  EventBus,
  InProcessEventBus,
  type DeliveredEvent,
} from '@quartier/messaging';
import { createLogger } from '@quartier/observability';
import { createTestDatabase, freePort, type TestDatabase } from '@quartier/persistence';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { configureHttp } from '../http/configure-http';
import { applyRegistryFact } from '../read-models/registry-read-model.handler';
import type { RuntimeConfig } from '../runtime';
import { serviceAppModule } from '../service-app.module';
import { docsOf, type ServiceDefinition } from '../service-definition';
import { httpCall } from './http-call';
import { areaUpsertEvents, type TestArea } from './test-areas';

export interface TestReply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or the text when the answer is not JSON; loosely typed for assertions. */
  body: ReturnType<typeof JSON.parse>;
}

export interface ServiceTestApp {
  url: string;
  /**
   * One HTTP call as `user` (a demo user, via a real token) or anonymously; objects are sent as
   * JSON, strings and bytes as they are with `contentType`.
   */
  call(method: string, path: string, user?: string, body?: unknown, contentType?: string): Promise<TestReply>;
  app: INestApplication;
  /** The service's own DataSource (its schema). */
  db: DataSource;
  tokenFor(username: string): Promise<string>;
  /**
   * Writes areas into the service's `area_ref` read model, as registry events would, as one area
   * version valid from `validFrom` (default 2020-01-01); returns code → id.
   */
  seedAreas(tenantId: string, areas: TestArea[], validFrom?: string): Promise<Record<string, string>>;
  /** Writes a role assignment into `role_assignment_ref`, as the registry's event would. */
  grant(
    tenantId: string,
    subject: string,
    role: Role,
    areaId: string | null,
    programmeId?: string | null,
  ): Promise<void>;
  /** Applies an event as the service's consumers would receive it (evidence read models etc.). */
  deliver(event: { type: EventType; tenantId: string; payload: unknown }): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceTestAppOptions {
  /**
   * The service's module for a runtime, when a suite needs other module options than the
   * definition's (e.g. `(rt) => SurveyApiModule.forRoot(rt, { publicRateLimit })`).
   */
  module?: (runtime: RuntimeConfig) => DynamicModule;
  /** Extra runtime settings (e.g. redisUrl, clock). */
  runtime?: Partial<RuntimeConfig>;
}

/**
 * A service as it runs in its own container, from its definition as `runService` starts it: fresh
 * real database with its migrations, the real guard, pipes and filters, the same OpenAPI document,
 * behind the real dev OIDC provider (tokens of the demo users). The registry's facts are written
 * into the read models directly, the way its events would.
 */
export async function startServiceTestApp(
  service: ServiceDefinition,
  options: ServiceTestAppOptions = {},
): Promise<ServiceTestApp> {
  const database: TestDatabase = await createTestDatabase(service.name);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const runtime: RuntimeConfig = {
    databaseUrl: database.url,
    oidcIssuer: `${url}/oidc`,
    oidcAudience: 'quartier-api',
    // The public origin a deployment configures (QUARTIER_PUBLIC_URL): here the app itself.
    publicUrl: url,
    ...options.runtime,
  };

  const rootModule = serviceAppModule(runtime, { ...service, module: options.module ?? service.module });

  const app = await NestFactory.create(rootModule, { logger: false, bodyParser: false });
  const idp = await createDevIdentityProvider({
    issuer: runtime.oidcIssuer,
    portalRedirectUris: [`${url}/auth/callback`],
  });
  app.use(idp.mountPath, idp.handler);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  configureHttp(app, {
    logger: createLogger(`${service.name}-test`, 'error', silent),
    docs: [docsOf(service)],
    streamedBodyPaths: service.streamedBodyPaths,
  });
  await app.listen(port, '127.0.0.1');
  const db = app.get<DataSource>(getDataSourceToken(service.name));
  const tokens = new Map<string, string>();
  const fact = async (
    event: Omit<EventEnvelope, 'id' | 'occurredAt' | 'producer' | 'key' | 'correlationId' | 'version'>,
  ) => {
    const envelope = {
      ...event,
      id: randomUUID(),
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'registry',
      key: `${event.tenantId}:test`,
      correlationId: 'test',
    } as DeliveredEvent<'registry.area.upserted'>;
    await db.transaction((manager) => applyRegistryFact(manager, envelope));
  };
  const tokenFor = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const { access_token } = await requestPasswordGrant({
      issuer: runtime.oidcIssuer,
      username,
      password: DEMO_PASSWORD,
    });
    tokens.set(username, access_token);
    return access_token;
  };
  return {
    url,
    app,
    db,
    tokenFor,
    async call(method, path, user, body, contentType = 'application/json') {
      const headers: Record<string, string> = {};
      if (user) headers['authorization'] = `Bearer ${await tokenFor(user)}`;
      if (body !== undefined) headers['content-type'] = contentType;
      const answer = await httpCall(`${url}${path}`, {
        method,
        headers,
        // Strings and bytes (CSV, XLSX uploads) go as they are, anything else as JSON.
        body:
          body === undefined
            ? undefined
            : typeof body === 'string' || body instanceof Uint8Array
              ? body
              : JSON.stringify(body),
      });
      // As fetch's text(): UTF-8 without a byte-order mark (CSV exports start with one for Excel).
      const text = new TextDecoder().decode(answer.bytes);
      let parsed: ReturnType<typeof JSON.parse> = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON (HTML pages, CSV exports): the text itself.
      }
      return { status: answer.status, headers: answer.headers, text, body: parsed };
    },
    async seedAreas(tenantId: string, areas: TestArea[], validFrom?: string) {
      const { ids, events } = areaUpsertEvents(tenantId, areas, validFrom);
      for (const event of events) await fact(event);
      return ids;
    },
    async grant(tenantId: string, subject: string, role: Role, areaId: string | null, programmeId = null) {
      await fact({
        type: 'registry.role-assignment.granted',
        tenantId,
        payload: { id: randomUUID(), tenantId, subject, role, areaId, programmeId },
      });
    },
    async deliver(event) {
      const envelope = {
        id: randomUUID(),
        type: event.type,
        version: EVENTS[event.type].version,
        tenantId: event.tenantId,
        occurredAt: new Date().toISOString(),
        producer: EVENTS[event.type].producer,
        key: `${event.tenantId}:test`,
        correlationId: 'test',
        payload: event.payload,
      } as EventEnvelope;
      // Published as its producer would: through a bus of that service on the same medium.
      const bus = app.get(EventBus);
      const producer =
        bus instanceof InProcessEventBus
          ? new InProcessEventBus({ service: envelope.producer, broker: bus.broker })
          : bus;
      await producer.publishRaw([envelope]);
      await (bus instanceof InProcessEventBus ? bus.broker : defaultInProcessBroker).whenIdle();
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
