import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AuthModule, createDevIdentityProvider, requestPasswordGrant, DEMO_PASSWORD } from '@quartier/auth';
import { createLogger } from '@quartier/observability';
import { createTestDatabase, type TestDatabase } from '@quartier/persistence';
import { configureHttp, RuntimeModule, type RuntimeConfig } from '@quartier/service-kit';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { REGISTRY_CONNECTION } from '../registry.constants';
import { RegistryAccessDirectory } from '../registry-access-directory';
import { REGISTRY_DOCS, RegistryApiModule } from '../registry-api.module';

export interface RegistryTestApp {
  url: string;
  app: INestApplication;
  db: DataSource;
  tokenFor(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The registry as it runs in production, on a fresh real database, behind the real dev OIDC
 * provider: tests obtain real tokens and go through the real guard, pipes and filters.
 */
export async function startRegistryTestApp(): Promise<RegistryTestApp> {
  const database: TestDatabase = await createTestDatabase('registry');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const runtime: RuntimeConfig = { databaseUrl: database.url, oidcIssuer: `${url}/oidc`, oidcAudience: 'quartier-api' };

  @Module({
    imports: [
      RuntimeModule.forRoot(runtime),
      AuthModule.forRoot({ accessDirectory: RegistryAccessDirectory, options: { issuer: runtime.oidcIssuer, audience: runtime.oidcAudience } }),
      RegistryApiModule.forRoot(runtime),
    ],
  })
  class RegistryTestModule {}

  const app = await NestFactory.create(RegistryTestModule, { logger: false, bodyParser: false });
  const idp = await createDevIdentityProvider({ issuer: runtime.oidcIssuer, portalRedirectUris: [`${url}/auth/callback`] });
  app.use(idp.mountPath, idp.handler);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  configureHttp(app, { logger: createLogger('registry-test', 'error', silent), docs: [{ ...REGISTRY_DOCS, modules: [RegistryApiModule] }], streamedBodyPaths: REGISTRY_DOCS.streamedBodyPaths });
  await app.listen(port, '127.0.0.1');
  const tokens = new Map<string, string>();
  return {
    url,
    app,
    db: app.get<DataSource>(getDataSourceToken(REGISTRY_CONNECTION)),
    async tokenFor(username: string) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const { access_token } = await requestPasswordGrant({ issuer: runtime.oidcIssuer, username, password: DEMO_PASSWORD });
      tokens.set(username, access_token);
      return access_token;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}
