import { Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import type { UploadRequest } from '@quartier/service-kit';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { MEASURE_EDITORS } from '../programme.constants';
import { CSV, MeasureFilesService, XLSX } from './measure-files.service';
import { MeasureImportDto } from './measure.dto';
import { ServiceController } from '@quartier/service-kit';

class ExportQueryDto extends createZodDto(z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') })) {}

@ServiceController('measures', 'api/programme/programmes/:programmeId/measures')
@Roles(...MEASURE_EDITORS)
export class MeasureFilesController {
  constructor(private readonly files: MeasureFilesService) {}

  @Get('export')
  @ApiOperation({ summary: 'The measures as CSV (semicolons, UTF-8 with BOM) or XLSX, one row per measure' })
  @ApiOkResponse({
    description: 'The table as an attachment (file name in Content-Disposition)',
    content: {
      [CSV]: { schema: { type: 'string' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async export(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) id: string,
    @Query() query: ExportQueryDto,
    @Res() res: Response,
  ) {
    const file = await this.files.export(caller, id, query.format);
    res.attachment(file.fileName).type(file.contentType).send(file.body);
  }

  @Post('import')
  @ApiConsumes(CSV, XLSX)
  @ApiOperation({
    summary: 'Propose the measures of a CSV or XLSX table: all rows or none, every bad row named',
  })
  @ApiCreatedResponse({ type: MeasureImportDto.Output })
  import(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) id: string,
    @Req() req: UploadRequest,
  ) {
    return this.files.import(caller, id, req);
  }
}
