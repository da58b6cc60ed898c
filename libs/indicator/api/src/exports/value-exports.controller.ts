import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '@quartier/service-kit';
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
@ApiErrorResponses()
@Controller('api/indicator/exports')
@Roles(...INDICATOR_EDITORS)
export class ValueExportsController {
  constructor(private readonly exports: ValueExportsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Stored values with their counts as CSV (long/wide), XLSX, SDMX-CSV, JSON-stat 2.0 or DHIS2 dataValueSets (streamed)',
  })
  @ApiOkResponse({
    description: 'The values as an attachment (file name in Content-Disposition), streamed',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.sdmx.data+csv': { schema: { type: 'string' } },
      'application/json': { schema: { type: 'object', description: 'JSON-stat 2.0 or DHIS2 dataValueSets' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    },
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
