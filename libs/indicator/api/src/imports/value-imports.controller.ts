import { Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ServiceController } from '@quartier/service-kit';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { createZodDto } from 'nestjs-zod';
import type { Request } from 'express';
import { z } from 'zod';
import { INDICATOR_EDITORS } from '../common/access';
import { parseDimensionMapping } from '@quartier/indicator-core';
import { IMPORT_FORMATS } from './import-formats';
import { SavedMappingDto, ValueImportJobDto } from './value-import.dto';
import { MAX_WAIT_SECONDS, ValueImportsService } from './value-imports.service';

const startQuery = z
  .object({
    format: z.enum(IMPORT_FORMATS),
    fileName: z.string().max(255).optional(),
    /** SDMX-CSV / JSON-stat: `dim=area|period|indicator` or `dim=<category>` for the others. */
    map: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .superRefine((text, ctx) => {
        const parsed = text === undefined ? null : parseDimensionMapping(text);
        if (parsed && !parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
      }),
    /** The file's source (dataflow, table): its mapping is saved under it and used when `map` is absent. */
    source: z.string().trim().min(1).max(200).optional(),
  })
  .refine((q) => q.map === undefined || q.format === 'sdmx-csv' || q.format === 'json-stat', {
    message: 'map applies to sdmx-csv and json-stat only',
    path: ['map'],
  });
class StartImportQueryDto extends createZodDto(startQuery) {}

const getQuery = z.object({
  /** Seconds to wait for the import to end before answering (a long poll); 0 or absent: at once. */
  wait: z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS).optional(),
});
class GetImportQueryDto extends createZodDto(getQuery) {}

@ServiceController('indicator value imports', 'api/indicator/imports')
@Roles(...INDICATOR_EDITORS)
export class ValueImportsController {
  constructor(private readonly imports: ValueImportsService) {}

  /**
   * The body is the file itself, streamed to disk (never parsed by Express). Send it as
   * `application/octet-stream` (or text/csv): JSON content types are parsed by the HTTP shell
   * where this route is not registered as streamed.
   */
  @Post()
  @HttpCode(202)
  @ApiConsumes('application/octet-stream', 'text/csv')
  @ApiBody({
    description:
      'The file (CSV long/wide, XLSX, SDMX-CSV 1.0/2.x, JSON-stat 2.0 or 1.x, or DHIS2 dataValueSets JSON)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary: 'Import values (all-or-nothing per file); poll the returned job for progress and row errors',
  })
  @ApiAcceptedResponse({ type: ValueImportJobDto.Output })
  start(@CurrentCaller() caller: Caller, @Query() query: StartImportQueryDto, @Req() request: Request) {
    return this.imports.start(caller, query, request);
  }

  @Get('mappings')
  @ApiOperation({
    summary:
      'Dimension mappings saved per source (format, source, mapping): what the import wizard offers again',
  })
  @ApiOkResponse({ type: SavedMappingDto.Output, isArray: true })
  mappings(@CurrentCaller() caller: Caller) {
    return this.imports.mappings(caller);
  }

  @Get()
  @ApiOperation({ summary: 'Recent import jobs of the tenant (without their error lists)' })
  @ApiOkResponse({ type: ValueImportJobDto.Output, isArray: true })
  list(@CurrentCaller() caller: Caller) {
    return this.imports.list(caller);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'Progress and result of an import, with every bad row (line, column, reason; first 1,000 stored); ' +
      'with `wait`, answers once the import has ended or after that many seconds, whichever is first',
  })
  @ApiOkResponse({ type: ValueImportJobDto.Output })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: GetImportQueryDto,
  ) {
    return this.imports.get(caller, id, query.wait);
  }

  @Delete(':id')
  @ApiOperation({
    summary:
      'Cancel an import: a queued one never starts, a running one stops at its next batch (nothing is kept)',
  })
  @ApiOkResponse({ type: ValueImportJobDto.Output })
  cancel(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.imports.cancel(caller, id);
  }
}
