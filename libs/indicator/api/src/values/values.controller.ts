import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AreaScope, CurrentAccess, CurrentTenant, Roles, type AccessContext } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import type { Request, Response } from 'express';
import { gzipSync } from 'node:zlib';
import {
  CompareQueryDto,
  MapQueryDto,
  PeriodsQueryDto,
  QualityQueryDto,
  RankingQueryDto,
  SeriesQueryDto,
} from './values.dto';
import { ValuesService } from './values.service';

@ApiTags('indicator values')
@ApiBearerAuth()
@Controller('api/indicator/values')
@Roles(...ROLES)
export class ValuesController {
  constructor(private readonly values: ValuesService) {}

  @Get()
  @ApiOperation({
    summary:
      'Map data: one indicator and period over one level (upper levels aggregated from summed counts, suppression applied), limited to the caller’s area scope',
  })
  async map(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: MapQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const body = await this.values.mapResponse(access, tenantId, query);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('ETag', body.etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Authorization, Accept-Encoding');
    if (req.headers['if-none-match'] === body.etag) {
      res.status(304).end();
      return;
    }
    // Compressed once and reused (the compression middleware leaves encoded bodies alone).
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && body.json.length > 1024) {
      body.gzip ??= gzipSync(body.json);
      res.setHeader('Content-Encoding', 'gzip');
      res.end(body.gzip);
      return;
    }
    res.end(body.json);
  }

  @Get('periods')
  @ApiOperation({ summary: 'Periods with stored values of an indicator, in time order' })
  periods(@CurrentTenant() tenantId: string, @Query() query: PeriodsQueryDto) {
    return this.values.periodsOf(tenantId, query.indicator);
  }

  @Get('series')
  @AreaScope({ query: 'area' })
  @ApiOperation({ summary: 'Time series of one area (every period with values)' })
  series(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: SeriesQueryDto,
  ) {
    return this.values.series(access, tenantId, query.indicator, query.area);
  }

  @Get('ranking')
  @ApiOperation({
    summary: 'Areas of a level ranked by value (ties share a rank); areas without a value listed apart',
  })
  ranking(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: RankingQueryDto,
  ) {
    return this.values.ranking(access, tenantId, query);
  }

  @Get('quality')
  @ApiOperation({
    summary:
      'Data-quality flags per area of a level (plausibility range, robust outliers vs own history and vs peers, gaps in the period series), limited to the caller’s area scope',
  })
  quality(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: QualityQueryDto,
  ) {
    return this.values.quality(access, tenantId, query);
  }

  @Get('compare')
  @ApiOperation({ summary: 'Several indicators for several areas in one period (area comparison)' })
  compare(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: CompareQueryDto,
  ) {
    return this.values.compare(access, tenantId, query);
  }
}
