import { Body, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { NoContentRoute, ServiceController } from '@quartier/service-kit';
import { NETWORK_EDITORS, NETWORK_READERS } from '../network.constants';
import {
  ActorListDto,
  ActorWithWavesDto,
  CreateActorDto,
  ListActorsQueryDto,
  UpdateActorDto,
} from './actor.dto';
import { ActorsService } from './actors.service';

@ServiceController('actors', 'api/network/networks/:networkId')
@Roles(...NETWORK_READERS)
export class ActorsController {
  constructor(private readonly actors: ActorsService) {}

  @Get('actors')
  @ApiOperation({
    summary:
      'Actors of the network (of one wave with waveId); pseudonymised actors show a pseudonym to callers without the right',
  })
  @ApiOkResponse({ type: ActorListDto.Output })
  list(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Query() query: ListActorsQueryDto,
  ) {
    return this.actors.list(caller, networkId, query);
  }

  @Post('actors')
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({ summary: 'Create an actor (persons are pseudonymised unless stated otherwise)' })
  @ApiCreatedResponse({ type: ActorWithWavesDto.Output })
  create(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Body() body: CreateActorDto,
  ) {
    return this.actors.create(caller, networkId, body);
  }

  @Get('actors/:actorId')
  @ApiOperation({ summary: 'One actor with the waves it takes part in' })
  @ApiOkResponse({ type: ActorWithWavesDto.Output })
  get(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('actorId', ParseUUIDPipe) actorId: string,
  ) {
    return this.actors.get(caller, networkId, actorId);
  }

  @Patch('actors/:actorId')
  @Roles(...NETWORK_EDITORS)
  @ApiOperation({ summary: 'Change an actor' })
  @ApiOkResponse({ type: ActorWithWavesDto.Output })
  update(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('actorId', ParseUUIDPipe) actorId: string,
    @Body() body: UpdateActorDto,
  ) {
    return this.actors.update(caller, networkId, actorId, body);
  }

  @Delete('actors/:actorId')
  @Roles(...NETWORK_EDITORS)
  @NoContentRoute('Delete an actor with all its ties', 'Deleted')
  remove(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('actorId', ParseUUIDPipe) actorId: string,
  ) {
    return this.actors.remove(caller, networkId, actorId);
  }

  @Put('waves/:waveId/actors/:actorId')
  @Roles(...NETWORK_EDITORS)
  @NoContentRoute('Make an actor part of a wave (also without ties)', 'The actor is part of the wave')
  join(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Param('actorId', ParseUUIDPipe) actorId: string,
  ) {
    return this.actors.join(caller, networkId, waveId, actorId);
  }

  @Delete('waves/:waveId/actors/:actorId')
  @Roles(...NETWORK_EDITORS)
  @NoContentRoute('Take an actor out of a wave, with its ties in that wave', 'The actor left the wave')
  leave(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Param('actorId', ParseUUIDPipe) actorId: string,
  ) {
    return this.actors.leave(caller, networkId, waveId, actorId);
  }
}
