import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, HttpStatus, Inject, Req, Res, type Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Public } from '@quartier/auth';
import type { ServiceName } from '@quartier/contracts';
import { processMetrics } from '@quartier/observability';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../runtime';

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  service: ServiceName;
  checks: Record<string, 'ok' | string>;
}

/**
 * Liveness (`/health/live`: the process answers), readiness (`/health`: its database answers)
 * and Prometheus metrics for one service, at the paths `servicePaths` promises to k8s and compose.
 */
export function createOpsController(service: ServiceName, connectionName: string): Type<unknown> {
  @ApiExcludeController()
  @Controller(`api/${service}`)
  class OpsController {
    constructor(
      @Inject(getDataSourceToken(connectionName)) private readonly db: DataSource,
      @Inject(RUNTIME_CONFIG) private readonly runtime: RuntimeConfig,
    ) {}

    @Public()
    @Get('health/live')
    live() {
      return { status: 'ok', service };
    }

    @Public()
    @Get('health')
    async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
      const checks: ReadinessReport['checks'] = {};
      try {
        await this.db.query('SELECT 1');
        checks['database'] = 'ok';
      } catch (error) {
        checks['database'] = (error as Error).message;
      }
      const ok = Object.values(checks).every((c) => c === 'ok');
      if (!ok) res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: ok ? 'ok' : 'unavailable', service, checks };
    }

    /**
     * Not a user endpoint (no OIDC token): with METRICS_TOKEN set, Prometheus presents that
     * token; without it the gateway's refusal of this path is the only fence (in-cluster scrape).
     */
    @Public()
    @Get('metrics')
    async metrics(@Req() req: Request, @Res() res: Response): Promise<void> {
      if (this.runtime.metricsToken && !bearerMatches(req.headers.authorization, this.runtime.metricsToken)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        res.status(HttpStatus.UNAUTHORIZED).json({
          statusCode: 401,
          code: 'Unauthorized',
          message: 'metrics require Authorization: Bearer <METRICS_TOKEN>',
        });
        return;
      }
      const metrics = processMetrics();
      res.setHeader('Content-Type', metrics.contentType);
      res.send(await metrics.render());
    }
  }
  Object.defineProperty(OpsController, 'name', {
    value: `${service[0].toUpperCase()}${service.slice(1)}OpsController`,
  });
  return OpsController;
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (\S+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1] as string);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
