import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AreaScope, CurrentAccess, CurrentTenant, Roles, type AccessContext } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { AREA_EDITORS, AreasService } from './areas.service';
import { GeojsonQueryDto, ListAreasQueryDto, UpdateAreaDto } from './area.dto';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('api/registry/areas')
@Roles(...ROLES)
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  @ApiOperation({
    summary: 'Areas of the current area version, filtered by level, parent or text; paginated',
  })
  list(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: ListAreasQueryDto,
  ) {
    return this.areas.list(access, tenantId, query);
  }

  @Get('geojson')
  @Header('Content-Type', 'application/geo+json; charset=utf-8')
  @ApiOperation({ summary: "The chosen level's geometries as a GeoJSON FeatureCollection (for maps)" })
  @ApiOkResponse({
    description: 'RFC 7946 FeatureCollection; properties id, code, name, level, population, editable',
  })
  geojson(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: GeojsonQueryDto,
  ) {
    return this.areas.geojson(access, tenantId, query.level, query.parent);
  }

  // Area master data is visible to every member of the tenant (the map shows all areas);
  // scope limits what a user may change, not which areas exist.
  @Get(':id')
  @ApiOperation({ summary: 'One area with ancestors and children' })
  detail(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.areas.detail(access, tenantId, id);
  }

  @Patch(':id')
  @Roles(...AREA_EDITORS)
  @AreaScope({ param: 'id' })
  @ApiOperation({ summary: 'Change name or population (tenant admins; planners within their area scope)' })
  update(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateAreaDto,
  ) {
    return this.areas.update(access, tenantId, id, body);
  }
}
