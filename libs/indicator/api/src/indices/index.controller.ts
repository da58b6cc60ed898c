import { Body, Delete, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { NoContentRoute, ServiceController } from '@quartier/service-kit';
import { CurrentCaller, CurrentTenant, Roles, type Caller } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { INDICATOR_EDITORS } from '../common/access';
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

@ServiceController('social monitoring indices', 'api/indicator/index-definitions')
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
  create(@CurrentCaller() caller: Caller, @Body() body: IndexDefinitionBodyDto) {
    return this.indices.createDefinition(caller, body);
  }

  @Put(':id')
  @Roles(...INDICATOR_EDITORS)
  @ApiOperation({ summary: 'Replace an index definition (past runs keep their snapshot)' })
  @ApiOkResponse({ type: IndexDefinitionViewDto.Output })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: IndexDefinitionBodyDto,
  ) {
    return this.indices.updateDefinition(caller, id, body);
  }

  @Delete(':id')
  @Roles(...INDICATOR_EDITORS)
  @NoContentRoute('Delete an index definition and its runs', 'Deleted')
  async remove(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    await this.indices.deleteDefinition(caller, id);
  }

  @Post(':id/runs')
  @Roles(...INDICATOR_EDITORS)
  @ApiOperation({
    summary:
      'Compute the index over stored values of one period at one level; stores the run with its definition snapshot and inputs',
  })
  @ApiCreatedResponse({ type: IndexRunViewDto.Output })
  run(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Body() body: RunIndexDto) {
    return this.indices.run(caller, id, body);
  }
}

@ServiceController('social monitoring indices', 'api/indicator/index-runs')
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
  movers(@CurrentCaller() caller: Caller, @Query() query: MoversQueryDto) {
    return this.indices.movers(caller, query.from, query.to, query.index);
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
  inputs(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.indices.inputs(caller, id);
  }

  @Get(':id/results')
  @ApiOperation({
    summary: 'Per-area results (validity, z-values, index values, classes) within the caller’s scope',
  })
  @ApiOkResponse({ type: IndexResultsDto.Output })
  results(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.indices.results(caller, id);
  }

  @Get(':id/classes')
  @ApiOperation({ summary: 'Class map data: area → class of one index (or "combined")' })
  @ApiOkResponse({ type: ClassMapDto.Output })
  classes(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ClassesQueryDto,
  ) {
    return this.indices.classes(caller, id, query.index);
  }
}
