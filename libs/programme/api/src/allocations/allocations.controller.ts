import { Body, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { PROGRAMME_MANAGERS, PROGRAMME_READERS } from '../programme.constants';
import {
  AcceptedAllocationDto,
  AllocationDto,
  AllocationListDto,
  AllocationPreviewDto,
} from './allocation.dto';
import { AllocationsService } from './allocations.service';
import { ServiceController } from '@quartier/service-kit';

@ServiceController('allocations', 'api/programme/programmes/:programmeId/allocations')
@Roles(...PROGRAMME_READERS)
export class AllocationsController {
  constructor(private readonly allocations: AllocationsService) {}

  @Get()
  @ApiOperation({ summary: 'Accepted allocations, every version, newest first per line and year' })
  @ApiOkResponse({ type: AllocationListDto.Output })
  list(@CurrentCaller() caller: Caller, @Param('programmeId', ParseUUIDPipe) id: string) {
    return this.allocations.list(caller, id);
  }

  @Post('preview')
  @Roles(...PROGRAMME_MANAGERS)
  @ApiOperation({
    summary: 'Split a budget line across the programme areas by need, with each amount explained',
  })
  @ApiCreatedResponse({ type: AllocationPreviewDto.Output })
  preview(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) id: string,
    @Body() body: AllocationDto,
  ) {
    return this.allocations.preview(caller, id, body);
  }

  @Post()
  @Roles(...PROGRAMME_MANAGERS)
  @ApiOperation({ summary: 'Accept an allocation: stored as the next version for its line and year' })
  @ApiCreatedResponse({ type: AcceptedAllocationDto.Output })
  accept(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) id: string,
    @Body() body: AllocationDto,
  ) {
    return this.allocations.accept(caller, id, body);
  }
}
