import { Body, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { PROGRAMME_MANAGERS, PROGRAMME_READERS } from '../programme.constants';
import {
  AreaPreviewDto,
  AreaSelectionDto,
  CandidatesDto,
  IndexRunListDto,
  PendingAreasDto,
  ProgrammeAreasDto,
} from './programme-areas.dto';
import { ProgrammeAreasService } from './programme-areas.service';
import { ServiceController } from '@quartier/service-kit';

@ServiceController('programme areas', 'api/programme/programmes/:programmeId')
@Roles(...PROGRAMME_READERS)
export class ProgrammeAreasController {
  constructor(private readonly areas: ProgrammeAreasService) {}

  @Get('index-runs')
  @ApiOperation({ summary: 'Index runs to select programme areas from, with their classes' })
  @ApiOkResponse({ type: IndexRunListDto.Output })
  indexRuns(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.areas.indexRuns(caller, id);
  }

  @Get('candidates')
  @ApiOperation({
    summary: 'Every area of an index run with its status and dynamics class (the candidates map)',
  })
  @ApiOkResponse({ type: CandidatesDto.Output })
  candidates(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) id: string,
    @Query('runId', ParseUUIDPipe) runId: string,
  ) {
    return this.areas.candidates(caller, id, runId);
  }

  @Get('areas')
  @ApiOperation({
    summary: 'The accepted programme areas, each with why it is one, and the selection they came from',
  })
  @ApiOkResponse({ type: ProgrammeAreasDto.Output })
  current(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.areas.current(caller, id);
  }

  @Post('areas/preview')
  @Roles(...PROGRAMME_MANAGERS)
  @ApiOperation({
    summary: 'Resolve a rule over an index run plus manual changes, and compare with the accepted areas',
  })
  @ApiCreatedResponse({ type: AreaPreviewDto.Output })
  preview(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) id: string,
    @Body() body: AreaSelectionDto,
  ) {
    return this.areas.preview(caller, id, body);
  }

  @Put('areas')
  @Roles(...PROGRAMME_MANAGERS)
  @ApiOperation({ summary: 'Accept a selection: the resolved areas become the programme areas' })
  @ApiOkResponse({ type: ProgrammeAreasDto.Output })
  accept(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) id: string,
    @Body() body: AreaSelectionDto,
  ) {
    return this.areas.accept(caller, id, body);
  }

  @Get('areas/pending')
  @ApiOperation({
    summary:
      'Who would enter or leave under the stored rule over a newer index run (nothing changes until accepted)',
  })
  @ApiOkResponse({ type: PendingAreasDto.Output })
  pending(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.areas.pending(caller, id);
  }
}
