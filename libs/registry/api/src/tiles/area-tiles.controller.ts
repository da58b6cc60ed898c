import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { AREA_TILE_MAX_ZOOM } from '@quartier/registry-core';
import { ApiErrorResponses, binaryResponse, sendCacheable } from '@quartier/service-kit';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { TileJsonDto } from './area-tiles.dto';
import { AreaTilesService } from './area-tiles.service';
import { parsePathParams } from '../path-params';

const tileParams = z
  .object({
    z: z.coerce.number().int().min(0).max(AREA_TILE_MAX_ZOOM),
    x: z.coerce.number().int().min(0),
    file: z.string().regex(/^\d+\.pbf$/, 'the tile is named <y>.pbf'),
  })
  .transform(({ z: zoom, x, file }) => ({ z: zoom, x, y: Number(file.slice(0, -4)) }))
  .refine(({ z: zoom, x, y }) => x < 2 ** zoom && y < 2 ** zoom, 'x and y must lie below 2^z');

// Boundaries are visible to every member of the tenant (as the GeoJSON is): scope limits what a
// user may change, not which areas exist.
@ApiTags('areas')
@ApiBearerAuth()
@ApiErrorResponses()
@Controller('api/registry/tiles')
@Roles(...ROLES)
export class AreaTilesController {
  constructor(private readonly tiles: AreaTilesService) {}

  @Get(':level')
  @ApiOperation({ summary: "TileJSON of a level's vector tiles (bounds, zoom range, layer `areas`)" })
  @ApiOkResponse({ type: TileJsonDto.Output })
  tileJson(@CurrentTenant() tenantId: string, @Param('level') level: string) {
    return this.tiles.tileJson(tenantId, level);
  }

  @Get(':level/:z/:x/:file')
  @ApiOkResponse(
    binaryResponse(
      'application/vnd.mapbox-vector-tile',
      'Mapbox vector tile (gzip when accepted); 304 when the ETag matches',
    ),
  )
  @ApiOperation({
    summary:
      'Vector tile z/x/y.pbf of a level of the current area version: layer `areas`, one polygon per area with `code` (plus `id` and `name` from zoom 10), simplified for the zoom',
  })
  async tile(
    @CurrentTenant() tenantId: string,
    @Param('level') level: string,
    @Param() params: Record<string, string>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { z: zoom, x, y } = parsePathParams(tileParams, params, 'tile');
    const tile = await this.tiles.tile(tenantId, level, zoom, x, y);
    sendCacheable(req, res, {
      contentType: 'application/vnd.mapbox-vector-tile',
      etag: tile.etag,
      body: tile.raw,
      gzip: () => tile.gzip,
    });
  }
}
