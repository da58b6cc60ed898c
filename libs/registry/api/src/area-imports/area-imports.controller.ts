import { Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentTenant, Roles, type Principal } from '@quartier/auth';
import { ServiceController } from '@quartier/service-kit';
import type { Request } from 'express';
import { AreaImportJobDto, AreaImportQueryDto } from './area-import.dto';
import { AreaImportsService } from './area-imports.service';

@ServiceController('area imports', 'api/registry/area-imports')
@Roles('tenant-admin')
export class AreaImportsController {
  constructor(private readonly imports: AreaImportsService) {}

  /** The body is not parsed by Express: it is streamed to disk, then parsed feature by feature. */
  @Post()
  @HttpCode(202)
  @ApiConsumes('application/geo+json', 'application/octet-stream')
  @ApiBody({ description: 'GeoJSON FeatureCollection (up to 100 MB)', schema: { type: 'object' } })
  @ApiOperation({ summary: 'Import areas of one level from GeoJSON (all-or-nothing); poll the returned job' })
  @ApiAcceptedResponse({ type: AreaImportJobDto.Output })
  start(
    @CurrentTenant() tenantId: string,
    @CurrentPrincipal() principal: Principal,
    @Query() options: AreaImportQueryDto,
    @Req() request: Request,
  ) {
    return this.imports.start(tenantId, principal.subject, options, request);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Progress and result of an area import' })
  @ApiOkResponse({ type: AreaImportJobDto.Output })
  get(@CurrentTenant() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.imports.get(tenantId, id);
  }
}
