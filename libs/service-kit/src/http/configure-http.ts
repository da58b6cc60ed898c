import type { INestApplication, Type } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { ServiceName } from '@quartier/contracts';
import { correlation, loggableUrl, processMetrics, type Logger } from '@quartier/observability';
import type { NextFunction, Request, Response } from 'express';
import { json, urlencoded } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { servicePaths } from '../config';
import { DomainErrorFilter } from './domain-error.filter';
import { refuseUnsafeBody, SafeZodValidationPipe } from './input-safety';
import { buildServiceDocument } from './openapi-document';

export interface ServiceDocs {
  service: ServiceName;
  title: string;
  description: string;
  /** The service's Nest module(s); docs only list their routes, also in embedded mode. */
  modules: Type<unknown>[];
}

export interface HttpOptions {
  logger: Logger;
  docs: ServiceDocs[];
  /** Default JSON body limit; bulk imports stream their bodies and set their own limits. */
  jsonLimit?: string;
  /** Routes whose bodies are streamed by the handler (bulk imports) and must not be parsed. */
  streamedBodyPaths?: readonly RegExp[];
}

/**
 * The HTTP shell every service shares, in its own container and inside the embedded platform:
 * security headers, body limits, correlation ids, request metrics/logs, error mapping and
 * OpenAPI documents at /api/<service>/docs(-json).
 */
export function configureHttp(app: INestApplication, options: HttpOptions): void {
  const metrics = processMetrics();
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          // MapLibre runs its workers from blob: URLs.
          'worker-src': ["'self'", 'blob:'],
          'connect-src': ["'self'"],
          'form-action': ["'self'"],
          // TLS ends at the ingress; an embedded platform on http://localhost must not be upgraded.
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  // GeoJSON and exports are large and compress 5–10×; small answers are left alone.
  app.use(compression({ threshold: 2048 }));
  const parseJson = json({
    limit: options.jsonLimit ?? '1mb',
    type: ['application/json', 'application/*+json'],
  });
  const streamed = options.streamedBodyPaths ?? [];
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST' && streamed.some((pattern) => pattern.test(req.path))) return next();
    return parseJson(req, res, next);
  });
  app.use(urlencoded({ extended: false, limit: '64kb' }));
  app.use(refuseUnsafeBody);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    correlation.run(req.header('x-correlation-id'), () => {
      const correlationId = correlation.current() as string;
      res.setHeader('x-correlation-id', correlationId);
      res.on('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const service = /^\/api\/([a-z]+)\//.exec(req.originalUrl)?.[1] ?? 'platform';
        const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
        metrics.httpRequests.observe(
          { service, method: req.method, route, status: String(res.statusCode) },
          seconds,
        );
        if (req.originalUrl.includes('/health')) return;
        // Anonymous public endpoints (survey submissions): no id that could tie this line to
        // the response it stored (undefined also hides the id the log mixin would add).
        const anonymous = /^\/api\/[a-z]+\/public\//.test(req.originalUrl);
        options.logger.info(
          {
            correlationId: anonymous ? undefined : correlationId,
            method: req.method,
            // Query values may be an OIDC callback's code, a token or an invitation code.
            url: loggableUrl(req.originalUrl),
            status: res.statusCode,
            ms: Math.round(seconds * 1000),
          },
          'http request',
        );
      });
      next();
    });
  });
  app.useGlobalFilters(new DomainErrorFilter());
  // Every DTO is a zod schema (createZodDto): bodies and queries are parsed, defaulted and typed,
  // after every body, query and parameter was checked for text that cannot be stored.
  app.useGlobalPipes(new SafeZodValidationPipe());
  for (const docs of options.docs) {
    const paths = servicePaths(docs.service);
    SwaggerModule.setup(paths.docs.slice(1), app, buildServiceDocument(app, docs), {
      jsonDocumentUrl: paths.docsJson.slice(1),
    });
  }
}
