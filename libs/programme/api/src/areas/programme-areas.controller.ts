import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { PROGRAMME_MANAGERS, PROGRAMME_READERS } from '../programme.constants';
import { AreaSelectionDto } from './programme-areas.dto';
import { ProgrammeAreasService } from './programme-areas.service';

@ApiTags('programme areas')
@ApiBearerAuth()
@Controller('api/programme/programmes/:programmeId')
@Roles(...PROGRAMME_READERS)
export class ProgrammeAreasController {
  constructor(private readonly areas: ProgrammeAreasService) {}

  @Get('index-runs')
  @ApiOperation({ summary: 'Index runs to select programme areas from, with their classes' })
  indexRuns(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.areas.indexRuns(caller, id);
  }

  @Get('candidates')
  @ApiOperation({
    summary: 'Every area of an index run with its status and dynamics class (the candidates map)',
  })
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
  current(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.areas.current(caller, id);
  }

  @Post('areas/preview')
  @Roles(...PROGRAMME_MANAGERS)
  @ApiOperation({
    summary: 'Resolve a rule over an index run plus manual changes, and compare with the accepted areas',
  })
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
  pending(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.areas.pending(caller, id);
  }
}
