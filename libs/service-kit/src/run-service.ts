import 'reflect-metadata';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AccessDirectory, AuthModule } from '@quartier/auth';
import type { ServiceName } from '@quartier/contracts';
import { createLogger } from '@quartier/observability';
import { parseBrokers } from '@quartier/messaging';
import { ConfigError, loadServiceConfig, servicePaths } from './config';
import { configureHttp, type ServiceDocs } from './http/configure-http';
import { PinoNestLogger } from './nest-logger';
import type { RuntimeConfig } from './runtime';
import { RuntimeModule } from './runtime.module';

export interface ServiceDefinition {
  service: ServiceName;
  /** The service's Nest module for this runtime. */
  module: (runtime: RuntimeConfig) => DynamicModule;
  /** How this process answers scope questions (registry: its tables; others: read models). */
  accessDirectory: Type<AccessDirectory>;
  docs: Omit<ServiceDocs, 'modules'> & { modules: Type<unknown>[] };
  streamedBodyPaths?: readonly RegExp[];
}

/** main.ts of one service container: validated env → Nest app → listen; SIGTERM drains. */
export async function runService(
  definition: ServiceDefinition,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  let config;
  try {
    config = loadServiceConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${definition.service}-service: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(definition.service, config.LOG_LEVEL);
  const runtime: RuntimeConfig = {
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS ? parseBrokers(config.KAFKA_BROKERS) : undefined,
    redisUrl: config.REDIS_URL,
    oidcIssuer: config.OIDC_ISSUER,
    oidcAudience: config.OIDC_AUDIENCE,
  };

  @Module({
    imports: [
      RuntimeModule.forRoot(runtime),
      AuthModule.forRoot({
        accessDirectory: definition.accessDirectory,
        options: { issuer: runtime.oidcIssuer, audience: runtime.oidcAudience },
      }),
      definition.module(runtime),
    ],
  })
  class ServiceAppModule {}

  const app = await NestFactory.create(ServiceAppModule, {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  configureHttp(app, { logger, docs: [definition.docs], streamedBodyPaths: definition.streamedBodyPaths });
  // SIGTERM (k8s, compose) runs the lifecycle hooks: the outbox relay and consumers stop first.
  app.enableShutdownHooks();
  await app.listen(config.PORT, '0.0.0.0');
  logger.info(
    { port: config.PORT, docs: servicePaths(definition.service).docs },
    `${definition.service} service listening`,
  );
}
