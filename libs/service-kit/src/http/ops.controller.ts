import { Controller, Get, HttpStatus, Inject, Req, Res, type Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Public } from '@quartier/auth';
import type { ServiceName } from '@quartier/contracts';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { RUNTIME_CONFIG, type RuntimeConfig } from '../runtime';
import { answerMetrics } from './metrics-endpoint';

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
     * Not a user endpoint (no OIDC token): Prometheus presents METRICS_TOKEN when one is set. A
     * service container needs a token, a metrics port of its own (then this route is 404) or
     * metrics switched off (loadServiceConfig); the embedded platform listens on loopback.
     */
    @Public()
    @Get('metrics')
    async metrics(@Req() req: Request, @Res() res: Response): Promise<void> {
      if (this.runtime.metricsOnApiPort === false) {
        res.status(HttpStatus.NOT_FOUND).json({ statusCode: 404, code: 'NotFound', message: 'Not Found' });
        return;
      }
      await answerMetrics(req, res, this.runtime.metricsToken);
    }
  }
  Object.defineProperty(OpsController, 'name', {
    value: `${service[0].toUpperCase()}${service.slice(1)}OpsController`,
  });
  return OpsController;
}
