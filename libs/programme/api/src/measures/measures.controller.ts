import { Body, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { MEASURE_EDITORS, PROGRAMME_READERS } from '../programme.constants';
import {
  CreateMeasureDto,
  ExpendituresDto,
  ListMeasuresQueryDto,
  MeasureAuditDto,
  MeasureListDto,
  MeasureViewDto,
  TransitionDto,
  UpdateMeasureDto,
} from './measure.dto';
import { MeasuresService } from './measures.service';
import { ServiceController } from '@quartier/service-kit';

@ServiceController('measures', 'api/programme')
@Roles(...PROGRAMME_READERS)
export class MeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  @Get('programmes/:programmeId/measures')
  @ApiOperation({
    summary: 'Measures of a programme (filters: status, fieldOfAction, areaId, q) as {items, total}',
  })
  @ApiOkResponse({ type: MeasureListDto.Output })
  list(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) programmeId: string,
    @Query() query: ListMeasuresQueryDto,
  ) {
    return this.measures.list(caller, programmeId, query);
  }

  @Post('programmes/:programmeId/measures')
  @Roles(...MEASURE_EDITORS)
  @ApiOperation({ summary: 'Propose a measure (status proposed)' })
  @ApiCreatedResponse({ type: MeasureViewDto.Output })
  create(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) programmeId: string,
    @Body() body: CreateMeasureDto,
  ) {
    return this.measures.create(caller, programmeId, body);
  }

  @Get('measures/:measureId')
  @ApiOperation({ summary: 'One measure with the workflow actions the caller may take' })
  @ApiOkResponse({ type: MeasureViewDto.Output })
  get(@CurrentCaller() caller: Caller, @Param('measureId', ParseUUIDPipe) id: string) {
    return this.measures.get(caller, id);
  }

  @Patch('measures/:measureId')
  @Roles(...MEASURE_EDITORS)
  @ApiOperation({
    summary: 'Change a measure (after approval: managers only; budget checked against the programme)',
  })
  @ApiOkResponse({ type: MeasureViewDto.Output })
  update(
    @CurrentCaller() caller: Caller,
    @Param('measureId', ParseUUIDPipe) id: string,
    @Body() body: UpdateMeasureDto,
  ) {
    return this.measures.update(caller, id, body);
  }

  @Post('measures/:measureId/transitions')
  @Roles(...MEASURE_EDITORS)
  @ApiOperation({ summary: 'Take a workflow step: approve, reject, start, complete, cancel' })
  @ApiCreatedResponse({ type: MeasureViewDto.Output })
  transition(
    @CurrentCaller() caller: Caller,
    @Param('measureId', ParseUUIDPipe) id: string,
    @Body() body: TransitionDto,
  ) {
    return this.measures.transition(caller, id, body);
  }

  @Get('measures/:measureId/audit')
  @ApiOperation({ summary: 'The audit trail: who moved the measure from which status to which, when, why' })
  @ApiOkResponse({ type: MeasureAuditDto.Output })
  audit(@CurrentCaller() caller: Caller, @Param('measureId', ParseUUIDPipe) id: string) {
    return this.measures.audit(caller, id);
  }

  @Put('measures/:measureId/expenditures')
  @Roles(...MEASURE_EDITORS)
  @ApiOperation({ summary: 'Replace the expenditures per year × budget line (EUR cents)' })
  @ApiOkResponse({ type: MeasureViewDto.Output })
  expenditures(
    @CurrentCaller() caller: Caller,
    @Param('measureId', ParseUUIDPipe) id: string,
    @Body() body: ExpendituresDto,
  ) {
    return this.measures.replaceExpenditures(caller, id, body);
  }
}
