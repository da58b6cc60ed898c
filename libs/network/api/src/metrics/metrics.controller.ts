import { Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { ServiceController } from '@quartier/service-kit';
import { METRICS_RUNNERS, NETWORK_READERS } from '../network.constants';
import { MeasureQueryDto, MetricsJobViewDto, WaveMetricsViewDto } from './metrics.dto';
import { MetricsService } from './metrics.service';

@ServiceController('measures', 'api/network')
@Roles(...NETWORK_READERS)
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('networks/:networkId/waves/:waveId/metrics')
  @ApiOperation({
    summary:
      'Measures of a wave (NetworkX conventions): cached; small networks computed now, large ones answer 409 until a job ran',
  })
  @ApiOkResponse({ type: WaveMetricsViewDto.Output })
  read(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Query() query: MeasureQueryDto,
  ) {
    return this.metrics.read(caller, networkId, waveId, query);
  }

  @Post('networks/:networkId/waves/:waveId/metrics/jobs')
  @HttpCode(202)
  @Roles(...METRICS_RUNNERS)
  @ApiOperation({
    summary: 'Compute a wave’s measures in the background; poll the returned job for progress',
  })
  @ApiAcceptedResponse({ type: MetricsJobViewDto.Output })
  start(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Query() query: MeasureQueryDto,
  ) {
    return this.metrics.startJob(caller, networkId, waveId, query);
  }

  @Get('metrics-jobs/:jobId')
  @ApiOperation({ summary: 'Progress and outcome of a measure job' })
  @ApiOkResponse({ type: MetricsJobViewDto.Output })
  job(@CurrentCaller() caller: Caller, @Param('jobId', ParseUUIDPipe) jobId: string) {
    return this.metrics.job(caller, jobId);
  }
}
