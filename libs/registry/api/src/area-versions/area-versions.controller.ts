import { Body, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { ServiceController } from '@quartier/service-kit';
import { AreaVersionViewDto, CrosswalkViewDto, ReplaceCrosswalkDto } from './area-version.dto';
import { AreaVersionsService } from './area-versions.service';

@ServiceController('area versions', 'api/registry/area-versions')
@Roles(...ROLES)
export class AreaVersionsController {
  constructor(private readonly versions: AreaVersionsService) {}

  @Get()
  @ApiOperation({ summary: 'Area versions (Gebietsstände) of the tenant, oldest first' })
  @ApiOkResponse({ type: AreaVersionViewDto.Output, isArray: true })
  list(@CurrentTenant() tenantId: string) {
    return this.versions.list(tenantId);
  }

  @Get(':id/crosswalk')
  @ApiOperation({ summary: 'The crosswalk from the previous version into this one' })
  @ApiOkResponse({ type: CrosswalkViewDto.Output })
  crosswalk(@CurrentTenant() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.versions.crosswalk(tenantId, id);
  }

  @Put(':id/crosswalk')
  @Roles('tenant-admin')
  @ApiOperation({ summary: 'Replace the crosswalk into this version (weights per old area must sum to 1)' })
  @ApiOkResponse({ type: CrosswalkViewDto.Output })
  replace(
    @CurrentTenant() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReplaceCrosswalkDto,
  ) {
    return this.versions.replaceCrosswalk(tenantId, id, body);
  }
}
