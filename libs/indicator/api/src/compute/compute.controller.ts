import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ServiceController } from '@quartier/service-kit';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { INDICATOR_EDITORS } from '../common/access';
import { ComputeBodyDto, ComputeResultDto } from './compute.dto';
import { ComputeService } from './compute.service';

@ServiceController('indicator catalogue', 'api/indicator/indicators')
export class ComputeController {
  constructor(private readonly computation: ComputeService) {}

  @Post(':code/compute')
  @HttpCode(200)
  @Roles(...INDICATOR_EDITORS)
  @ApiOperation({
    summary:
      'Evaluate a formula indicator per area × period over the stored values of its elements and store the results (replacing earlier derived values of those periods); tenant-wide grant',
  })
  @ApiOkResponse({ type: ComputeResultDto.Output })
  compute(@CurrentCaller() caller: Caller, @Param('code') code: string, @Body() body: ComputeBodyDto) {
    return this.computation.compute(caller, code, body.periods);
  }
}
