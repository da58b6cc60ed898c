import { Body, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AreaScope, CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { NoContentRoute, ServiceController } from '@quartier/service-kit';
import { NETWORK_EDITORS, NETWORK_READERS } from '../network.constants';
import {
  CreateNetworkDto,
  CreateWaveDto,
  ListNetworksQueryDto,
  UpdateNetworkDto,
  UpdateWaveDto,
  NetworkListDto,
  NetworkViewDto,
  WaveViewDto,
} from './network.dto';
import { NetworksService } from './networks.service';

@ServiceController('networks', 'api/network/networks')
@Roles(...NETWORK_READERS)
export class NetworksController {
  constructor(private readonly networks: NetworksService) {}

  @Get()
  @AreaScope({ query: 'areaId', whenAbsent: 'any' })
  @ApiOperation({
    summary: 'Networks the caller may read, optionally of one area (and its subtree) or programme',
  })
  @ApiOkResponse({ type: NetworkListDto.Output })
  list(@CurrentCaller() caller: Caller, @Query() query: ListNetworksQueryDto) {
    return this.networks.list(caller, query);
  }

  @Post()
  @Roles(...NETWORK_EDITORS)
  @AreaScope({ body: 'areaId' })
  @ApiOperation({ summary: 'Create a network of an area and/or programme' })
  @ApiCreatedResponse({ type: NetworkViewDto.Output })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateNetworkDto) {
    return this.networks.create(caller, body);
  }

  @Get(':networkId')
  @ApiOperation({ summary: 'One network with its waves' })
  @ApiOkResponse({ type: NetworkViewDto.Output })
  get(@CurrentCaller() caller: Caller, @Param('networkId', ParseUUIDPipe) networkId: string) {
    return this.networks.get(caller, networkId);
  }

  @Patch(':networkId')
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({
    summary: 'Rename, describe, or change direction/weighting (invalidates every wave’s measures)',
  })
  @ApiOkResponse({ type: NetworkViewDto.Output })
  update(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Body() body: UpdateNetworkDto,
  ) {
    return this.networks.update(caller, networkId, body);
  }

  @Delete(':networkId')
  @Roles(...NETWORK_EDITORS)
  @NoContentRoute('Delete a network with its waves, actors and ties', 'Deleted')
  remove(@CurrentCaller() caller: Caller, @Param('networkId', ParseUUIDPipe) networkId: string) {
    return this.networks.remove(caller, networkId);
  }

  @Post(':networkId/waves')
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({ summary: 'Add a wave (a dated observation of the network)' })
  @ApiCreatedResponse({ type: WaveViewDto.Output })
  createWave(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Body() body: CreateWaveDto,
  ) {
    return this.networks.createWave(caller, networkId, body);
  }

  @Patch(':networkId/waves/:waveId')
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({ summary: 'Relabel or redate a wave' })
  @ApiOkResponse({ type: WaveViewDto.Output })
  updateWave(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Body() body: UpdateWaveDto,
  ) {
    return this.networks.updateWave(caller, networkId, waveId, body);
  }

  @Delete(':networkId/waves/:waveId')
  @Roles(...NETWORK_EDITORS)
  @NoContentRoute('Delete a wave with its ties', 'Deleted')
  removeWave(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
  ) {
    return this.networks.removeWave(caller, networkId, waveId);
  }
}
