import { Body, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { PROGRAMME_MANAGERS, PROGRAMME_READERS } from '../programme.constants';
import {
  BudgetDto,
  BudgetViewDto,
  CreateProgrammeDto,
  ListProgrammesQueryDto,
  ProgrammeListDto,
  ProgrammeViewDto,
  UpdateProgrammeDto,
} from './programme.dto';
import { ProgrammesService } from './programmes.service';
import { ServiceController } from '@quartier/service-kit';

@ServiceController('programmes', 'api/programme/programmes')
@Roles(...PROGRAMME_READERS)
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get()
  @ApiOperation({ summary: 'Programmes the caller may read, as {items, total}' })
  @ApiOkResponse({ type: ProgrammeListDto.Output })
  list(@CurrentCaller() caller: Caller, @Query() query: ListProgrammesQueryDto) {
    return this.programmes.list(caller, query);
  }

  @Post()
  @Roles(...PROGRAMME_MANAGERS)
  @ApiOperation({ summary: 'Create a programme (tenant-wide programme managers)' })
  @ApiCreatedResponse({ type: ProgrammeViewDto.Output })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateProgrammeDto) {
    return this.programmes.create(caller, body);
  }

  @Get(':programmeId')
  @ApiOperation({ summary: 'One programme' })
  @ApiOkResponse({ type: ProgrammeViewDto.Output })
  get(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.programmes.get(caller, id);
  }

  @Patch(':programmeId')
  @Roles(...PROGRAMME_MANAGERS)
  @ApiOperation({
    summary: 'Change a programme (name, funder, periods, budget lines, fields of action, status)',
  })
  @ApiOkResponse({ type: ProgrammeViewDto.Output })
  update(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) id: string,
    @Body() body: UpdateProgrammeDto,
  ) {
    return this.programmes.update(caller, id, body);
  }

  @Get(':programmeId/budget')
  @ApiOperation({ summary: 'The programme budget per year × budget line (EUR cents)' })
  @ApiOkResponse({ type: BudgetViewDto.Output })
  budget(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.programmes.budget(caller, id);
  }

  @Put(':programmeId/budget')
  @Roles(...PROGRAMME_MANAGERS)
  @ApiOperation({ summary: 'Replace the programme budget per year × budget line (EUR cents)' })
  @ApiOkResponse({ type: BudgetViewDto.Output })
  replaceBudget(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) id: string,
    @Body() body: BudgetDto,
  ) {
    return this.programmes.replaceBudget(caller, id, body);
  }
}
