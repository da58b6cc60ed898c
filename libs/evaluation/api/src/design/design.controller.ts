import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { EVALUATION_EDITORS, EVALUATION_READERS } from '../evaluation.constants';
import { AdjustmentDto, DesignDto } from './design.dto';
import { DesignService } from './design.service';
import { ResultsService } from './results.service';

@ApiTags('evaluation design')
@ApiBearerAuth()
@Controller('api/evaluation/evaluations/:evaluationId')
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
  results(@CurrentCaller() caller: Caller, @Param('evaluationId', ParseUUIDPipe) id: string) {
    return this.numbers.results(caller, id);
  }
}
