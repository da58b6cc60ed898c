import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { createLogger } from '@quartier/observability';
import { parseBrokers } from '@quartier/messaging';
import { SystemClock } from './clock';
import { ConfigError, loadServiceConfig, metricsExposure, servicePaths } from './config';
import { configureHttp } from './http/configure-http';
import { startMetricsServer } from './http/metrics-endpoint';
import { PinoNestLogger } from './nest-logger';
import { keepServingOnStrayRejections } from './process-safety';
import type { RuntimeConfig } from './runtime';
import { serviceAppModule } from './service-app.module';
import { docsOf, type ServiceDefinition } from './service-definition';

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
      process.stderr.write(`${definition.name}-service: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  keepServingOnStrayRejections(logger);
  const runtime: RuntimeConfig = {
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS ? parseBrokers(config.KAFKA_BROKERS) : undefined,
    redisUrl: config.REDIS_URL,
    oidcIssuer: config.OIDC_ISSUER,
    oidcAudience: config.OIDC_AUDIENCE,
    publicUrl: config.QUARTIER_PUBLIC_URL,
    trustedProxies: config.TRUSTED_PROXIES,
    metricsToken: config.METRICS_TOKEN,
    metricsOnApiPort: metricsExposure(config).onApiPort,
    serviceUrlTemplate: config.SERVICE_URL_TEMPLATE,
    reportScheduleAccounts: config.REPORT_SCHEDULE_ACCOUNTS,
    clock: new SystemClock(config.QUARTIER_TIME_ZONE),
  };

  const app = await NestFactory.create(serviceAppModule(runtime, definition), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  configureHttp(app, {
    logger,
    docs: [docsOf(definition)],
    streamedBodyPaths: definition.streamedBodyPaths,
  });
  // SIGTERM (k8s, compose) runs the lifecycle hooks: the outbox relay and consumers stop first.
  app.enableShutdownHooks();
  await app.listen(config.PORT, '0.0.0.0');
  const { separatePort } = metricsExposure(config);
  if (separatePort !== undefined) {
    const metricsServer = await startMetricsServer({
      port: separatePort,
      host: '0.0.0.0',
      path: servicePaths(definition.name).metrics,
      token: config.METRICS_TOKEN,
    });
    (app.getHttpServer() as Server).once('close', () => metricsServer.close());
    logger.info({ port: separatePort }, 'metrics on their own port');
  }
  logger.info(
    { port: config.PORT, docs: servicePaths(definition.name).docs },
    `${definition.name} service listening`,
  );
}
