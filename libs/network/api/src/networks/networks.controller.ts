import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
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
import { AreaScope, CurrentAccess, CurrentTenant, Roles, type AccessContext } from '@quartier/auth';
import { ApiErrorResponses } from '@quartier/service-kit';
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

@ApiTags('networks')
@ApiBearerAuth()
@ApiErrorResponses()
@Controller('api/network/networks')
@Roles(...NETWORK_READERS)
export class NetworksController {
  constructor(private readonly networks: NetworksService) {}

  @Get()
  @AreaScope({ query: 'areaId', whenAbsent: 'any' })
  @ApiOperation({
    summary: 'Networks the caller may read, optionally of one area (and its subtree) or programme',
  })
  @ApiOkResponse({ type: NetworkListDto.Output })
  list(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: ListNetworksQueryDto,
  ) {
    return this.networks.list(access, tenantId, query);
  }

  @Post()
  @Roles(...NETWORK_EDITORS)
  @AreaScope({ body: 'areaId' })
  @ApiOperation({ summary: 'Create a network of an area and/or programme' })
  @ApiCreatedResponse({ type: NetworkViewDto.Output })
  create(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Body() body: CreateNetworkDto,
  ) {
    return this.networks.create(access, tenantId, access.principal.subject, body);
  }

  @Get(':networkId')
  @ApiOperation({ summary: 'One network with its waves' })
  @ApiOkResponse({ type: NetworkViewDto.Output })
  get(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('networkId', ParseUUIDPipe) networkId: string,
  ) {
    return this.networks.get(access, tenantId, networkId);
  }

  @Patch(':networkId')
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({
    summary: 'Rename, describe, or change direction/weighting (invalidates every wave’s measures)',
  })
  @ApiOkResponse({ type: NetworkViewDto.Output })
  update(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Body() body: UpdateNetworkDto,
  ) {
    return this.networks.update(access, tenantId, networkId, body);
  }

  @Delete(':networkId')
  @HttpCode(204)
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({ summary: 'Delete a network with its waves, actors and ties' })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('networkId', ParseUUIDPipe) networkId: string,
  ) {
    return this.networks.remove(access, tenantId, networkId);
  }

  @Post(':networkId/waves')
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({ summary: 'Add a wave (a dated observation of the network)' })
  @ApiCreatedResponse({ type: WaveViewDto.Output })
  createWave(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Body() body: CreateWaveDto,
  ) {
    return this.networks.createWave(access, tenantId, networkId, body);
  }

  @Patch(':networkId/waves/:waveId')
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({ summary: 'Relabel or redate a wave' })
  @ApiOkResponse({ type: WaveViewDto.Output })
  updateWave(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Body() body: UpdateWaveDto,
  ) {
    return this.networks.updateWave(access, tenantId, networkId, waveId, body);
  }

  @Delete(':networkId/waves/:waveId')
  @HttpCode(204)
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({ summary: 'Delete a wave with its ties' })
  @ApiNoContentResponse({ description: 'Deleted' })
  removeWave(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
  ) {
    return this.networks.removeWave(access, tenantId, networkId, waveId);
  }
}
