import { Body, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { EVALUATION_EDITORS, EVALUATION_READERS } from '../evaluation.constants';
import { EvaluationViewDto } from '../evaluations/evaluation.dto';
import { AdjustmentDto, DesignDto, ResultsDto } from './design.dto';
import { DesignService } from './design.service';
import { ResultsService } from './results.service';
import { ServiceController } from '@quartier/service-kit';

@ServiceController('evaluation design', 'api/evaluation/evaluations/:evaluationId')
@Roles(...EVALUATION_READERS)
export class DesignController {
  constructor(
    private readonly design: DesignService,
    private readonly numbers: ResultsService,
  ) {}

  @Put('design')
  @Roles(...EVALUATION_EDITORS)
  @ApiOperation({
    summary:
      'Replace the design: outcomes, periods, matching, comparison areas, survey items, network measures',
  })
  @ApiOkResponse({ type: EvaluationViewDto.Output })
  replace(
    @CurrentCaller() caller: Caller,
    @Param('evaluationId', ParseUUIDPipe) id: string,
    @Body() body: DesignDto,
  ) {
    return this.design.replace(caller, id, body);
  }

  @Post('comparison-adjustments')
  @Roles(...EVALUATION_EDITORS)
  @ApiOperation({ summary: 'Drop a comparison area or add one, with a reason' })
  @ApiCreatedResponse({ type: EvaluationViewDto.Output })
  adjust(
    @CurrentCaller() caller: Caller,
    @Param('evaluationId', ParseUUIDPipe) id: string,
    @Body() body: AdjustmentDto,
  ) {
    return this.design.adjust(caller, id, body);
  }

  @Get('results')
  @ApiOperation({
    summary:
      'Every number: matching, balance, before/after, DiD and event study per outcome, survey and network series (from the snapshot when there is one)',
  })
  @ApiOkResponse({ type: ResultsDto.Output })
  results(@CurrentCaller() caller: Caller, @Param('evaluationId', ParseUUIDPipe) id: string) {
    return this.numbers.results(caller, id);
  }
}
