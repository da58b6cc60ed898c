import { Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { ServiceController } from '@quartier/service-kit';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { RESULT_READERS, SURVEY_EDITORS } from '../survey.constants';
import { PublishedResultsDto, ReleaseViewDto, ResultsComparisonDto, SurveyResultsDto } from './results.dto';
import { ResultsService } from './results.service';

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');
const resultsQuery = z.object({ wave: z.uuid(), weighted: flag, lang: z.string().max(35).optional() });
class ResultsQueryDto extends createZodDto(resultsQuery) {}

const compareQuery = z.object({
  wave: z.uuid(),
  area: z.string().min(1).max(100),
  baseWave: z.uuid(),
  baseArea: z.string().min(1).max(100),
  weighted: flag,
});
class CompareQueryDto extends createZodDto(compareQuery) {}

@ServiceController('results', 'api/survey/surveys/:id')
@Roles(...RESULT_READERS)
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get('results')
  @ApiOperation({
    summary:
      'k-anonymous results of a wave per area, the level above and in total (suppressed cells carry no numbers; free text is never published)',
  })
  @ApiOkResponse({ type: SurveyResultsDto.Output })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ResultsQueryDto,
  ) {
    return this.results.results(caller, id, query.wave, {
      weighted: query.weighted,
      ...(query.lang ? { language: query.lang } : {}),
    });
  }

  @Get('results/comparison')
  @ApiOperation({
    summary:
      'Differences with 95 % intervals between two published cells (areas of a wave, or an area across waves; area * = total)',
  })
  @ApiOkResponse({ type: ResultsComparisonDto.Output })
  compare(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CompareQueryDto,
  ) {
    return this.results.compare(
      caller,
      id,
      { wave: query.wave, area: query.area },
      { wave: query.baseWave, area: query.baseArea },
      query.weighted,
    );
  }

  @Post('waves/:waveId/results/release')
  @Roles(...SURVEY_EDITORS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Release a wave's remaining responses into its results once the wave has ended (editors; 409 before); until then results change only when every changed area has k new responses",
  })
  @ApiOkResponse({ type: ReleaseViewDto.Output })
  release(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
  ) {
    return this.results.release(caller, id, waveId);
  }

  @Post('waves/:waveId/results/publish')
  @Roles(...SURVEY_EDITORS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Publish the indicator items of a wave as survey.results.published (per-area values of published cells only)',
  })
  @ApiOkResponse({ type: PublishedResultsDto.Output })
  publish(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
  ) {
    return this.results.publish(caller, id, waveId);
  }
}
