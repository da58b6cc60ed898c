import { Body, Delete, Get, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { NoContentRoute, ServiceController } from '@quartier/service-kit';
import { CurrentCaller, CurrentTenant, Roles, type Caller } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { INDICATOR_EDITORS } from '../common/access';
import { CatalogueService } from './catalogue.service';
import {
  CreateIndicatorDto,
  IndicatorViewDto,
  ListIndicatorsQueryDto,
  UpdateIndicatorDto,
} from './indicator.dto';

@ServiceController('indicator catalogue', 'api/indicator/indicators')
@Roles(...ROLES)
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOperation({ summary: 'Indicator definitions of the tenant (current versions)' })
  @ApiOkResponse({ type: IndicatorViewDto.Output, isArray: true })
  list(@CurrentTenant() tenantId: string, @Query() query: ListIndicatorsQueryDto) {
    return this.catalogue.list(tenantId, query);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One indicator definition (current version)' })
  @ApiOkResponse({ type: IndicatorViewDto.Output })
  get(@CurrentTenant() tenantId: string, @Param('code') code: string) {
    return this.catalogue.get(tenantId, code);
  }

  @Get(':code/versions')
  @ApiOperation({ summary: 'Every version of a definition, oldest first' })
  @ApiOkResponse({ type: IndicatorViewDto.Output, isArray: true })
  versions(@CurrentTenant() tenantId: string, @Param('code') code: string) {
    return this.catalogue.versions(tenantId, code);
  }

  @Get(':code/versions/:version')
  @ApiOperation({ summary: 'One past version of a definition' })
  @ApiOkResponse({ type: IndicatorViewDto.Output })
  version(
    @CurrentTenant() tenantId: string,
    @Param('code') code: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return this.catalogue.version(tenantId, code, version);
  }

  @Post()
  @Roles(...INDICATOR_EDITORS)
  @ApiOperation({
    summary: 'Create a definition (version 1); tenant admins and analysts with a tenant-wide grant',
  })
  @ApiCreatedResponse({ type: IndicatorViewDto.Output })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateIndicatorDto) {
    const { code, ...content } = body;
    return this.catalogue.create(caller, code, content);
  }

  @Put(':code')
  @Roles(...INDICATOR_EDITORS)
  @ApiOperation({ summary: 'Change a definition: writes a new version (an unchanged body writes none)' })
  @ApiOkResponse({ type: IndicatorViewDto.Output })
  update(@CurrentCaller() caller: Caller, @Param('code') code: string, @Body() body: UpdateIndicatorDto) {
    return this.catalogue.update(caller, code, body);
  }

  @Delete(':code')
  @Roles(...INDICATOR_EDITORS)
  @NoContentRoute('Retire a definition (its versions and values are kept)', 'Retired')
  async remove(@CurrentCaller() caller: Caller, @Param('code') code: string) {
    await this.catalogue.remove(caller, code);
  }
}
