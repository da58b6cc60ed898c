import { Body, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import type { Request } from 'express';
import { SURVEY_EDITORS, XLSX_TYPE } from '../survey.constants';
import { UploadSpool, ServiceController } from '@quartier/service-kit';
import { CollectionService } from './collection.service';
import { ResponseImportService } from './response-import.service';
import { ImportedDto, ResponseImportProblemsDto, SubmissionDto, SubmittedDto } from './submission.dto';

const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

@ServiceController('responses', 'api/survey/surveys/:id/waves/:waveId')
@Roles(...SURVEY_EDITORS)
export class ResponsesController {
  constructor(
    private readonly collection: CollectionService,
    private readonly imports: ResponseImportService,
    private readonly spool: UploadSpool,
  ) {}

  @Post('responses')
  @ApiOperation({
    summary: 'Interviewer entry: one response, validated like the public form (channel interviewer)',
  })
  @ApiCreatedResponse({ type: SubmittedDto.Output })
  interviewer(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Body() body: SubmissionDto,
  ) {
    return this.collection.submitInterviewer(caller, id, waveId, body);
  }

  @Post('response-imports')
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({
    description: 'CSV (comma or semicolon) or XLSX, one column per question name, header in row 1',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary: 'Import paper responses (all-or-nothing; 422 lists every bad cell by row and column)',
  })
  @ApiCreatedResponse({ type: ImportedDto.Output })
  @ApiUnprocessableEntityResponse({
    description: 'Nothing was stored: every bad cell, row or header by row, column and code',
    type: ResponseImportProblemsDto.Output,
  })
  async import(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Req() req: Request,
  ) {
    return this.spool.consume(
      req,
      { accept: ['text/csv', XLSX_TYPE], maxBytes: MAX_IMPORT_BYTES, allowEmpty: true },
      (upload) => this.imports.import(caller, id, waveId, upload),
    );
  }
}
