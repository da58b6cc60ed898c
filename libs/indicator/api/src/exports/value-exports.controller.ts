import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentAccess, CurrentTenant, Roles, type AccessContext } from '@quartier/auth';
import { periodSchema } from '@quartier/contracts';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { INDICATOR_EDITORS, requireTenantWide } from '../common/access';
import { EXPORT_FORMATS } from '../imports/import-formats';
import { EXPORT_CONTENT_TYPES, ValueExportsService } from './value-exports.service';

const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS),
  indicators: commaList.pipe(z.array(z.string().min(1).max(64)).min(1).max(1000)).optional(),
  periods: commaList.pipe(z.array(periodSchema).min(1).max(500)).optional(),
  level: z.string().min(1).max(64).optional(),
});
class ExportQueryDto extends createZodDto(exportQuery) {}

@ApiTags('indicator value exports')
@ApiBearerAuth()
@Controller('api/indicator/exports')
@Roles(...INDICATOR_EDITORS)
export class ValueExportsController {
  constructor(private readonly exports: ValueExportsService) {}

  @Get()
  @ApiProduces(
    'text/csv',
    'application/json',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOperation({
    summary:
      'Stored values with their counts as CSV (long/wide), XLSX, SDMX-CSV, JSON-stat 2.0 or DHIS2 dataValueSets (streamed)',
  })
  async export(
    @CurrentAccess() access: AccessContext,
    @CurrentTenant() tenantId: string,
    @Query() query: ExportQueryDto,
    @Res() res: Response,
  ) {
    requireTenantWide(access);
    const { type, extension } = EXPORT_CONTENT_TYPES[query.format];
    res.setHeader('Content-Type', type);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="indicator-values-${query.format}.${extension}"`,
    );
    await this.exports.write(
      tenantId,
      query.format,
      { indicators: query.indicators, periods: query.periods, level: query.level },
      res,
    );
  }
}
