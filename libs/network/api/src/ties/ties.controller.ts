import { Body, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { NoContentRoute, ServiceController } from '@quartier/service-kit';
import { NETWORK_EDITORS, NETWORK_READERS } from '../network.constants';
import { CreateTieDto, ListTiesQueryDto, TieListDto, TieRowDto, UpdateTieDto } from './tie.dto';
import { TiesService } from './ties.service';

@ServiceController('ties', 'api/network/networks/:networkId/waves/:waveId/ties')
@Roles(...NETWORK_READERS)
export class TiesController {
  constructor(private readonly ties: TiesService) {}

  @Get()
  @ApiOperation({ summary: 'Ties of a wave' })
  @ApiOkResponse({ type: TieListDto.Output })
  list(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Query() query: ListTiesQueryDto,
  ) {
    return this.ties.list(caller, networkId, waveId, query);
  }

  @Post()
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({ summary: 'Record a tie between two actors of the network (both join the wave)' })
  @ApiCreatedResponse({ type: TieRowDto.Output })
  create(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Body() body: CreateTieDto,
  ) {
    return this.ties.create(caller, networkId, waveId, body);
  }

  @Patch(':tieId')
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({ summary: 'Change weight, type or attributes of a tie' })
  @ApiOkResponse({ type: TieRowDto.Output })
  update(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Param('tieId', ParseUUIDPipe) tieId: string,
    @Body() body: UpdateTieDto,
  ) {
    return this.ties.update(caller, networkId, waveId, tieId, body);
  }

  @Delete(':tieId')
  @Roles(...NETWORK_EDITORS)
  @NoContentRoute('Delete a tie', 'Deleted')
  remove(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Param('tieId', ParseUUIDPipe) tieId: string,
  ) {
    return this.ties.remove(caller, networkId, waveId, tieId);
  }
}
