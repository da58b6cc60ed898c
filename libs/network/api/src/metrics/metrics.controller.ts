import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentAccess, CurrentTenant, Roles, type AccessContext } from '@quartier/auth';
import { METRICS_RUNNERS, NETWORK_READERS } from '../network.constants';
import { MeasureQueryDto } from './metrics.dto';
import { MetricsService } from './metrics.service';

@ApiTags('measures')
@ApiBearerAuth()
@Controller('api/network')
@Roles(...NETWORK_READERS)
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('networks/:networkId/waves/:waveId/metrics')
  @ApiOperation({
    summary:
      'Measures of a wave (NetworkX conventions): cached; small networks computed now, large ones answer 409 until a job ran',
  })
  read(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Query() query: MeasureQueryDto,
  ) {
    return this.metrics.read(access, tenantId, networkId, waveId, query);
  }

  @Post('networks/:networkId/waves/:waveId/metrics/jobs')
  @HttpCode(202)
  @Roles(...METRICS_RUNNERS)
  @ApiOperation({
    summary: 'Compute a wave’s measures in the background; poll the returned job for progress',
  })
  start(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Query() query: MeasureQueryDto,
  ) {
    return this.metrics.startJob(access, tenantId, access.principal.subject, networkId, waveId, query);
  }

  @Get('metrics-jobs/:jobId')
  @ApiOperation({ summary: 'Progress and outcome of a measure job' })
  job(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('jobId', ParseUUIDPipe) jobId: string,
  ) {
    return this.metrics.job(access, tenantId, jobId);
  }
}
