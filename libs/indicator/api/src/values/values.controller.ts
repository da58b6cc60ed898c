import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AreaScope, CurrentAccess, CurrentTenant, Roles, type AccessContext } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { CompareQueryDto, MapQueryDto, PeriodsQueryDto, RankingQueryDto, SeriesQueryDto } from './values.dto';
import { ValuesService } from './values.service';

@ApiTags('indicator values')
@ApiBearerAuth()
@Controller('api/indicator/values')
@Roles(...ROLES)
export class ValuesController {
  constructor(private readonly values: ValuesService) {}

  @Get()
  @ApiOperation({
    summary: 'Map data: one indicator and period over one level (upper levels aggregated from summed counts, suppression applied), limited to the caller’s area scope',
  })
  map(@CurrentAccess() access: AccessContext, @CurrentTenant() tenantId: string, @Query() query: MapQueryDto) {
    return this.values.map(access, tenantId, query);
  }

  @Get('periods')
  @ApiOperation({ summary: 'Periods with stored values of an indicator, in time order' })
  periods(@CurrentTenant() tenantId: string, @Query() query: PeriodsQueryDto) {
    return this.values.periodsOf(tenantId, query.indicator);
  }

  @Get('series')
  @AreaScope({ query: 'area' })
  @ApiOperation({ summary: 'Time series of one area (every period with values)' })
  series(@CurrentAccess() access: AccessContext, @CurrentTenant() tenantId: string, @Query() query: SeriesQueryDto) {
    return this.values.series(access, tenantId, query.indicator, query.area);
  }

  @Get('ranking')
  @ApiOperation({ summary: 'Areas of a level ranked by value (ties share a rank); areas without a value listed apart' })
  ranking(@CurrentAccess() access: AccessContext, @CurrentTenant() tenantId: string, @Query() query: RankingQueryDto) {
    return this.values.ranking(access, tenantId, query);
  }

  @Get('compare')
  @ApiOperation({ summary: 'Several indicators for several areas in one period (area comparison)' })
  compare(@CurrentAccess() access: AccessContext, @CurrentTenant() tenantId: string, @Query() query: CompareQueryDto) {
    return this.values.compare(access, tenantId, query);
  }
}
