import { Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { sendCacheable, ServiceController } from '@quartier/service-kit';
import { AreaScope, CurrentCaller, CurrentTenant, Roles, type Caller } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import type { Request, Response } from 'express';
import { gzipSync } from 'node:zlib';
import {
  CompareQueryDto,
  ComparisonDto,
  MapDataDto,
  MapQueryDto,
  MapsQueryDto,
  PeriodListDto,
  PeriodsQueryDto,
  QualityDto,
  QualityQueryDto,
  RankingDto,
  RankingQueryDto,
  SeriesDto,
  SeriesQueryDto,
  ValueLayerDto,
  ValueMapsDto,
} from './values.dto';
import { AreaProfileDto, AreaProfileQueryDto } from './area-profile.dto';
import { AreaProfileService } from './area-profile.service';
import { ValuesService, type SerializedResponse } from './values.service';

@ServiceController('indicator values', 'api/indicator/values')
@Roles(...ROLES)
export class ValuesController {
  constructor(
    private readonly values: ValuesService,
    private readonly profiles: AreaProfileService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Map data: one indicator and period over one level (upper levels aggregated from summed counts, suppression applied), limited to the caller’s area scope',
  })
  @ApiOkResponse({ type: MapDataDto.Output })
  async map(
    @CurrentCaller() caller: Caller,
    @Query() query: MapQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    send(await this.values.mapResponse(caller, query), req, res);
  }

  @Get('layer')
  @ApiOperation({
    summary:
      'Map colours for vector tiles: the same data as the map endpoint as columns (area codes, values rounded to 6 digits, one status letter per area: v value, a approximate, s suppressed, m missing) with the statistics, joined to the registry’s tiles by code',
  })
  @ApiOkResponse({ type: ValueLayerDto.Output })
  async layer(
    @CurrentCaller() caller: Caller,
    @Query() query: MapQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    send(await this.values.mapResponse(caller, query, 'layer'), req, res);
  }

  @Get('maps')
  @ApiOperation({
    summary:
      'Map data of several indicators and periods over one level in one answer (the given periods, or each indicator’s latest periods with values): the same cells, suppression and area scope as the map endpoint',
  })
  @ApiOkResponse({ type: ValueMapsDto.Output })
  maps(@CurrentCaller() caller: Caller, @Query() query: MapsQueryDto) {
    return this.values.maps(caller, query);
  }

  @Get('periods')
  @ApiOperation({ summary: 'Periods with stored values of an indicator, in time order' })
  @ApiOkResponse({ type: PeriodListDto.Output })
  periods(@CurrentTenant() tenantId: string, @Query() query: PeriodsQueryDto) {
    return this.values.periodsOf(tenantId, query.indicator);
  }

  @Get('series')
  @AreaScope({ query: 'area' })
  @ApiOperation({ summary: 'Time series of one area (every period with values)' })
  @ApiOkResponse({ type: SeriesDto.Output })
  series(@CurrentCaller() caller: Caller, @Query() query: SeriesQueryDto) {
    return this.values.series(caller, query.indicator, query.area);
  }

  @Get('profile')
  @AreaScope({ query: 'area' })
  @ApiOperation({
    summary:
      'An area’s key indicators with their latest value and trend (judged by polarity), and its classes in the newest index run at its level',
  })
  @ApiOkResponse({ type: AreaProfileDto.Output })
  profile(@CurrentCaller() caller: Caller, @Query() query: AreaProfileQueryDto) {
    return this.profiles.profile(caller, query.area);
  }

  @Get('ranking')
  @ApiOperation({
    summary: 'Areas of a level ranked by value (ties share a rank); areas without a value listed apart',
  })
  @ApiOkResponse({ type: RankingDto.Output })
  async ranking(
    @CurrentCaller() caller: Caller,
    @Query() query: RankingQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    send(await this.values.rankingResponse(caller, query), req, res);
  }

  @Get('quality')
  @ApiOperation({
    summary:
      'Data-quality flags per area of a level (plausibility range, robust outliers vs own history and vs peers, gaps in the period series), limited to the caller’s area scope',
  })
  @ApiOkResponse({ type: QualityDto.Output })
  quality(@CurrentCaller() caller: Caller, @Query() query: QualityQueryDto) {
    return this.values.quality(caller, query);
  }

  @Get('compare')
  @ApiOperation({ summary: 'Several indicators for several areas in one period (area comparison)' })
  @ApiOkResponse({ type: ComparisonDto.Output })
  compare(@CurrentCaller() caller: Caller, @Query() query: CompareQueryDto) {
    return this.values.compare(caller, query);
  }
}

/** A serialised map response with its ETag; gzip-encoded once (above 1 kB) and reused. */
function send(body: SerializedResponse, req: Request, res: Response): void {
  sendCacheable(req, res, {
    contentType: 'application/json; charset=utf-8',
    etag: body.etag,
    body: body.json,
    gzip: () => (body.json.length > 1024 ? (body.gzip ??= gzipSync(body.json)) : undefined),
  });
}
