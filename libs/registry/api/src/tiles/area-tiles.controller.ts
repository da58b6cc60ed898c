import { Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@quartier/auth';
import { ROLES } from '@quartier/contracts';
import { AREA_TILE_MAX_ZOOM } from '@quartier/registry-core';
import { sendCacheable, ServiceController } from '@quartier/service-kit';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AreaCodesDto, TileJsonDto } from './area-tiles.dto';
import { AreaTilesService, type EncodedTile, type TileFormat } from './area-tiles.service';
import { parsePathParams } from '../path-params';

const tileParams = z
  .object({
    z: z.coerce.number().int().min(0).max(AREA_TILE_MAX_ZOOM),
    x: z.coerce.number().int().min(0),
    file: z.string().regex(/^\d+\.(pbf|png)$/, 'the tile is named <y>.pbf or <y>.png'),
  })
  .transform(({ z: zoom, x, file }) => ({
    z: zoom,
    x,
    y: Number(file.slice(0, -4)),
    format: file.slice(-3) as TileFormat,
  }))
  .refine(({ z: zoom, x, y }) => x < 2 ** zoom && y < 2 ** zoom, 'x and y must lie below 2^z');

const BINARY = { schema: { type: 'string' as const, format: 'binary' } };

// Boundaries are visible to every member of the tenant (as the GeoJSON is): scope limits what a
// user may change, not which areas exist.
@ServiceController('areas', 'api/registry/tiles')
@Roles(...ROLES)
export class AreaTilesController {
  constructor(private readonly tiles: AreaTilesService) {}

  @Get(':level')
  @ApiOperation({ summary: "TileJSON of a level's vector tiles (bounds, zoom range, layer `areas`)" })
  @ApiOkResponse({ type: TileJsonDto.Output })
  tileJson(@CurrentTenant() tenantId: string, @Param('level') level: string) {
    return this.tiles.tileJson(tenantId, level);
  }

  @Get(':level/codes')
  @ApiOperation({
    summary:
      "A level's area codes by raster ordinal: codes[i] is the area whose pixels in the .png tiles hold i + 1",
  })
  @ApiOkResponse({ type: AreaCodesDto.Output })
  async codes(
    @CurrentTenant() tenantId: string,
    @Param('level') level: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    send(await this.tiles.codes(tenantId, level), req, res);
  }

  @Get(':level/:z/:x/:file')
  @ApiOkResponse({
    description:
      'The vector tile (.pbf, gzip when accepted) or the area-id raster (.png: 8-bit RGB, ordinal + 1 as a 24-bit big-endian number, 0 where no area lies); 304 when the ETag matches',
    content: { 'application/vnd.mapbox-vector-tile': BINARY, 'image/png': BINARY },
  })
  @ApiOperation({
    summary:
      'Tile z/x/y of a level of the current area version. z/x/y.pbf: vector tile, layer `areas`, one polygon per area with `code` (plus `id` and `name` from zoom 10), simplified for the zoom. z/x/y.png: 512 × 512 raster of area ids (see `codes`) over the same extent',
  })
  async tile(
    @CurrentTenant() tenantId: string,
    @Param('level') level: string,
    @Param() params: Record<string, string>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { z: zoom, x, y, format } = parsePathParams(tileParams, params, 'tile');
    send(await this.tiles.tile(tenantId, level, zoom, x, y, format), req, res);
  }
}

function send(tile: EncodedTile, req: Request, res: Response): void {
  sendCacheable(req, res, {
    contentType: tile.contentType,
    etag: tile.etag,
    body: tile.raw,
    gzip: () => tile.gzip,
  });
}
