import { Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ServiceController } from '@quartier/service-kit';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { periodSchema } from '@quartier/contracts';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { INDICATOR_EDITORS } from '../common/access';
import { EXPORT_FORMATS } from '../imports/import-formats';
import { ValueExportsService } from './value-exports.service';

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

@ServiceController('indicator value exports', 'api/indicator/exports')
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
  async export(@CurrentCaller() caller: Caller, @Query() query: ExportQueryDto, @Res() res: Response) {
    await this.exports.export(caller, query, res);
  }
}
