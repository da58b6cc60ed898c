import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '@quartier/service-kit';
import { CurrentAccess, CurrentTenant, Roles, type AccessContext } from '@quartier/auth';
import { INDICATOR_EDITORS, requireTenantWide } from '../common/access';
import { ComputeBodyDto, ComputeResultDto } from './compute.dto';
import { ComputeService } from './compute.service';

@ApiTags('indicator catalogue')
@ApiBearerAuth()
@ApiErrorResponses()
@Controller('api/indicator/indicators')
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
  compute(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('code') code: string,
    @Body() body: ComputeBodyDto,
  ) {
    // A run spans every area of the tenant, like an import.
    requireTenantWide(access);
    return this.computation.compute(tenantId, code, body.periods);
  }
}
