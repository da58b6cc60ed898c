import { Get, Param, ParseUUIDPipe, Post, Query, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { spoolStorage, UploadSpool, type SpooledPart, ServiceController } from '@quartier/service-kit';
import type { Response } from 'express';
import { NETWORK_EDITORS, NETWORK_READERS } from '../network.constants';
import { ExportQueryDto, ImportProblemsDto, ImportQueryDto, ImportResultDto } from './interchange.dto';
import { InterchangeService } from './interchange.service';

/** Largest accepted upload per file (a 20,000-actor GraphML is about 10 MB). */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** The network service's spool folder (its JobRunner sweeps what a dead process left there). */
const spool = new UploadSpool('network');

@ServiceController('imports and exports', 'api/network/networks/:networkId/waves/:waveId')
@Roles(...NETWORK_READERS)
export class InterchangeController {
  constructor(private readonly interchange: InterchangeService) {}

  @Post('imports')
  @Roles(...NETWORK_EDITORS)
  @UseInterceptors(
    FileFieldsInterceptor(
      [
        { name: 'nodes', maxCount: 1 },
        { name: 'edges', maxCount: 1 },
        { name: 'file', maxCount: 1 },
      ],
      // Each part is spooled to disk (limit → 413), not buffered in memory.
      {
        storage: spoolStorage(spool, { maxBytes: MAX_UPLOAD_BYTES, extension: '.part' }),
        limits: { files: 3 },
      },
    ),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        nodes: {
          type: 'string',
          format: 'binary',
          description:
            'CSV actors: id,name,kind,sector,field,area,address,lon,lat,offerings,contact_*,pseudonymised',
        },
        edges: {
          type: 'string',
          format: 'binary',
          description: 'CSV ties: source,target,type,weight,directed',
        },
        file: { type: 'string', format: 'binary', description: 'GEXF or GraphML document' },
      },
    },
  })
  @ApiOperation({
    summary:
      'Import actors and ties into a wave (CSV, GEXF, GraphML); all-or-nothing, errors with file and line',
  })
  @ApiCreatedResponse({ type: ImportResultDto.Output })
  @ApiUnprocessableEntityResponse({
    description: 'Nothing was imported: every problem with its file and line',
    type: ImportProblemsDto.Output,
  })
  async import(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Query() query: ImportQueryDto,
    @UploadedFiles() files: { nodes?: SpooledPart[]; edges?: SpooledPart[]; file?: SpooledPart[] } = {},
  ) {
    try {
      return await this.interchange.import(caller, networkId, waveId, query, {
        nodes: files.nodes?.[0],
        edges: files.edges?.[0],
        file: files.file?.[0],
      });
    } finally {
      for (const part of [files.nodes, files.edges, files.file].flat())
        if (part) await spool.discard(part.path);
    }
  }

  @Get('export')
  @ApiOperation({
    summary:
      'Export a wave as CSV (actors or ties), GEXF or GraphML; pseudonymised names stay hidden from callers without the right',
  })
  @ApiOkResponse({
    description: 'The wave as an attachment (file name in Content-Disposition)',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/gexf+xml': { schema: { type: 'string' } },
      'application/graphml+xml': { schema: { type: 'string' } },
    },
  })
  async export(
    @CurrentCaller() caller: Caller,
    @Param('networkId', ParseUUIDPipe) networkId: string,
    @Param('waveId', ParseUUIDPipe) waveId: string,
    @Query() query: ExportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const file = await this.interchange.export(caller, networkId, waveId, query.format);
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return file.body;
  }
}
