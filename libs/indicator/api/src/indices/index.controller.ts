import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorResponses } from '@quartier/service-kit';
import {
  CurrentAccess,
  CurrentPrincipal,
  CurrentTenant,
  Roles,
  type AccessContext,
  type Principal,
} from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { INDICATOR_EDITORS, requireTenantWide } from '../common/access';
import {
  ClassesQueryDto,
  ClassMapDto,
  IndexDefinitionBodyDto,
  IndexDefinitionViewDto,
  IndexResultsDto,
  IndexRunInputsDto,
  IndexRunViewDto,
  MoversDto,
  ListRunsQueryDto,
  MoversQueryDto,
  RunIndexDto,
} from './index.dto';
import { IndexService } from './index.service';

@ApiTags('social monitoring indices')
@ApiBearerAuth()
@ApiErrorResponses()
@Controller('api/indicator/index-definitions')
@Roles(...ROLES)
export class IndexDefinitionsController {
  constructor(private readonly indices: IndexService) {}

  @Get()
  @ApiOperation({ summary: 'Index definitions of the tenant' })
  @ApiOkResponse({ type: IndexDefinitionViewDto.Output, isArray: true })
  list(@CurrentTenant() tenantId: string) {
    return this.indices.listDefinitions(tenantId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One index definition' })
  @ApiOkResponse({ type: IndexDefinitionViewDto.Output })
  get(@CurrentTenant() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.indices.getDefinition(tenantId, id);
  }

  @Post()
  @Roles(...INDICATOR_EDITORS)
  @ApiOperation({
    summary:
      'Store an index definition (the core JSON format: indicators, weights, polarity, minimum population, exclusions, classes)',
  })
  @ApiCreatedResponse({ type: IndexDefinitionViewDto.Output })
  create(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @CurrentPrincipal() principal: Principal,
    @Body() body: IndexDefinitionBodyDto,
  ) {
    requireTenantWide(access);
    return this.indices.createDefinition(tenantId, principal.subject, body);
  }

  @Put(':id')
  @Roles(...INDICATOR_EDITORS)
  @ApiOperation({ summary: 'Replace an index definition (past runs keep their snapshot)' })
  @ApiOkResponse({ type: IndexDefinitionViewDto.Output })
  update(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: IndexDefinitionBodyDto,
  ) {
    requireTenantWide(access);
    return this.indices.updateDefinition(tenantId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...INDICATOR_EDITORS)
  @ApiOperation({ summary: 'Delete an index definition and its runs' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    requireTenantWide(access);
    await this.indices.deleteDefinition(tenantId, id);
  }

  @Post(':id/runs')
  @Roles(...INDICATOR_EDITORS)
  @ApiOperation({
    summary:
      'Compute the index over stored values of one period at one level; stores the run with its definition snapshot and inputs',
  })
  @ApiCreatedResponse({ type: IndexRunViewDto.Output })
  run(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RunIndexDto,
  ) {
    requireTenantWide(access);
    return this.indices.run(tenantId, principal.subject, id, body);
  }
}

@ApiTags('social monitoring indices')
@ApiBearerAuth()
@ApiErrorResponses()
@Controller('api/indicator/index-runs')
@Roles(...ROLES)
export class IndexRunsController {
  constructor(private readonly indices: IndexService) {}

  @Get()
  @ApiOperation({ summary: 'Stored index runs (optionally of one definition), by period' })
  @ApiOkResponse({ type: IndexRunViewDto.Output, isArray: true })
  list(@CurrentTenant() tenantId: string, @Query() query: ListRunsQueryDto) {
    return this.indices.listRuns(tenantId, query.definition);
  }

  @Get('movers')
  @ApiOperation({ summary: 'Areas whose class changed between two runs' })
  @ApiOkResponse({ type: MoversDto.Output })
  movers(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: MoversQueryDto,
  ) {
    return this.indices.movers(access, tenantId, query.from, query.to, query.index);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One run: definition snapshot, counts per class, statistics' })
  @ApiOkResponse({ type: IndexRunViewDto.Output })
  get(@CurrentTenant() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.indices.getRun(tenantId, id);
  }

  @Get(':id/inputs')
  @Roles(...INDICATOR_EDITORS)
  @ApiOperation({ summary: 'Every input value of a run (to recompute it)' })
  @ApiOkResponse({ type: IndexRunInputsDto.Output })
  inputs(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    requireTenantWide(access);
    return this.indices.inputs(tenantId, id);
  }

  @Get(':id/results')
  @ApiOperation({
    summary: 'Per-area results (validity, z-values, index values, classes) within the caller’s scope',
  })
  @ApiOkResponse({ type: IndexResultsDto.Output })
  results(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.indices.results(access, tenantId, id);
  }

  @Get(':id/classes')
  @ApiOperation({ summary: 'Class map data: area → class of one index (or "combined")' })
  @ApiOkResponse({ type: ClassMapDto.Output })
  classes(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ClassesQueryDto,
  ) {
    return this.indices.classes(access, tenantId, id, query.index);
  }
}
