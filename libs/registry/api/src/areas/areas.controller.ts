import { Body, Get, Header, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AreaScope, CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { ServiceController } from '@quartier/service-kit';
import { AREA_EDITORS, AreasService } from './areas.service';
import {
  AreaDetailDto,
  AreaFeatureCollectionDto,
  AreaPageDto,
  AreaSummaryDto,
  GeojsonQueryDto,
  ListAreasQueryDto,
  UpdateAreaDto,
} from './area.dto';

@ServiceController('areas', 'api/registry/areas')
@Roles(...ROLES)
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  @ApiOperation({
    summary: 'Areas of the current area version, filtered by level, parent or text; paginated',
  })
  @ApiOkResponse({ type: AreaPageDto.Output })
  list(@CurrentCaller() caller: Caller, @Query() query: ListAreasQueryDto) {
    return this.areas.list(caller, query);
  }

  @Get('geojson')
  @Header('Content-Type', 'application/geo+json; charset=utf-8')
  @ApiOperation({ summary: "The chosen level's geometries as a GeoJSON FeatureCollection (for maps)" })
  @ApiOkResponse({
    description: 'RFC 7946 FeatureCollection; properties id, code, name, level, population, editable',
    content: {
      'application/geo+json': { schema: { $ref: '#/components/schemas/AreaFeatureCollectionDto_Output' } },
    },
  })
  @ApiExtraModels(AreaFeatureCollectionDto.Output)
  geojson(@CurrentCaller() caller: Caller, @Query() query: GeojsonQueryDto) {
    return this.areas.geojson(caller, query.level, query.parent);
  }

  // Area master data is visible to every member of the tenant (the map shows all areas);
  // scope limits what a user may change, not which areas exist.
  @Get(':id')
  @ApiOperation({ summary: 'One area with ancestors and children' })
  @ApiOkResponse({ type: AreaDetailDto.Output })
  detail(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.areas.detail(caller, id);
  }

  @Patch(':id')
  @Roles(...AREA_EDITORS)
  @AreaScope({ param: 'id' })
  @ApiOperation({ summary: 'Change name or population (tenant admins; planners within their area scope)' })
  @ApiOkResponse({ type: AreaSummaryDto.Output })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateAreaDto,
  ) {
    return this.areas.update(caller, id, body);
  }
}
