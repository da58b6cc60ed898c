import { Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { EVALUATION_READERS } from '../evaluation.constants';
import { PageQueryDto } from '../evaluations/evaluation.dto';
import { CriteriaDto, EvidenceSourcesDto, MeasureRefListDto, ProgrammeRefListDto } from './catalogue.dto';
import { CatalogueService } from './catalogue.service';
import { ServiceController } from '@quartier/service-kit';

@ServiceController('evaluation catalogue', 'api/evaluation')
@Roles(...EVALUATION_READERS)
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('criteria')
  @ApiOperation({
    summary: 'The OECD-DAC criteria, the 4-step rating scale and the workflow (German and English)',
  })
  @ApiOkResponse({ type: CriteriaDto.Output })
  criteria() {
    return this.catalogue.criteria();
  }

  @Get('programmes')
  @ApiOperation({
    summary: 'Programmes the caller may read, from the programme service’s events, as {items, total}',
  })
  @ApiOkResponse({ type: ProgrammeRefListDto.Output })
  programmes(@CurrentCaller() caller: Caller, @Query() page: PageQueryDto) {
    return this.catalogue.programmes(caller, page);
  }

  @Get('programmes/:programmeId/measures')
  @ApiOperation({
    summary: 'Measures of a programme, from the programme service’s events, as {items, total}',
  })
  @ApiOkResponse({ type: MeasureRefListDto.Output })
  measures(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) programmeId: string,
    @Query() page: PageQueryDto,
  ) {
    return this.catalogue.measures(caller, programmeId, page);
  }

  @Get('evidence-sources')
  @ApiOperation({ summary: 'Indicators (with periods), survey items and network measures a design can use' })
  @ApiOkResponse({ type: EvidenceSourcesDto.Output })
  evidenceSources(@CurrentCaller() caller: Caller) {
    return this.catalogue.evidenceSources(caller);
  }
}
