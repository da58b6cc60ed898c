import { Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AreaScope, CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { ServiceController } from '@quartier/service-kit';
import { MeasureQueryDto } from '../metrics/metrics.dto';
import { NETWORK_READERS } from '../network.constants';
import {
  CompareQueryDto,
  EgoViewDto,
  ResourceQueryDto,
  ResourcesDto,
  WaveComparisonDto,
} from './analysis.dto';
import { AnalysisService } from './analysis.service';

@ServiceController('analysis', 'api/network')
@Roles(...NETWORK_READERS)
export class AnalysisController {
  constructor(private readonly analysis: AnalysisService) {}

  @Get('networks/:networkId/comparison')
  @ApiOperation({
    summary: 'Compare two waves: new / lost / stable actors and ties, change of every measure',
  })
  @ApiOkResponse({ type: WaveComparisonDto.Output })
  compare(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Query() query: CompareQueryDto,
  ) {
    return this.analysis.compare(caller, networkId, query);
  }

  @Get('networks/:networkId/waves/:waveId/ego/:actorId')
  @ApiOperation({
    summary: 'Ego network of an actor in a wave (ego, alters, ties among them) with its own measures',
  })
  @ApiOkResponse({ type: EgoViewDto.Output })
  ego(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Param('actorId', ParseUUIDPipe) actorId: string,
    @Query() query: MeasureQueryDto,
  ) {
    return this.analysis.ego(caller, networkId, waveId, actorId, query);
  }

  @Get('resources')
  @AreaScope({ query: 'areaId', whenAbsent: 'any' })
  @ApiOperation({
    summary: 'Resource map: actors’ offerings by area and field, across the networks the caller may read',
  })
  @ApiOkResponse({ type: ResourcesDto.Output })
  resources(@CurrentCaller() caller: Caller, @Query() query: ResourceQueryDto) {
    return this.analysis.resources(caller, query);
  }
}
