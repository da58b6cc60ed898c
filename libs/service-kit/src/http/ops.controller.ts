import { Controller, Get, HttpStatus, Inject, Res, type Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Public } from '@quartier/auth';
import type { ServiceName } from '@quartier/contracts';
import { processMetrics } from '@quartier/observability';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';

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
    constructor(@Inject(getDataSourceToken(connectionName)) private readonly db: DataSource) {}

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

    @Public()
    @Get('metrics')
    async metrics(@Res() res: Response): Promise<void> {
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
