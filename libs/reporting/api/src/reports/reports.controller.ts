import {
  Body,
  Controller,
  createParamDecorator,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  type ExecutionContext,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import type { Request, Response } from 'express';
import { REPORT_AUTHORS } from '../reporting.constants';
import type { OnBehalfOf } from '../upstream/service-client';
import { sendReportFile } from './report-files';
import {
  ListReportsQueryDto,
  ReportAcceptedDto,
  ReportPageDto,
  ReportRequestDto,
  ReportViewDto,
  RerenderDto,
  asReportRequest,
} from './report.dto';
import { ReportsService } from './reports.service';

/**
 * The caller's bearer token (the guard verified it) and acting tenant: reports gather their
 * data from the other services on the caller's behalf.
 */
export const OnBehalf = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context
    .switchToHttp()
    .getRequest<Request & { quartierAccess?: { tenantId: string | null } }>();
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  return { token, tenantId: request.quartierAccess?.tenantId ?? '' } satisfies OnBehalfOf;
});

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reporting/reports')
@Roles(...REPORT_AUTHORS)
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Request a report (area profile of an area or, with `level`, of every area of a level as a ZIP; monitoring report of an index run; programme report; evaluation report): its data is gathered now with your permissions and pinned, the file is made in the background',
  })
  @ApiAcceptedResponse({ type: ReportAcceptedDto.Output })
  create(@CurrentCaller() caller: Caller, @OnBehalf() auth: OnBehalfOf, @Body() body: ReportRequestDto) {
    return this.reports.request(caller, auth, asReportRequest(body));
  }

  @Get()
  @ApiOperation({
    summary: 'Reports you may see (yours; scheduled ones if you read tenant-wide), newest first',
  })
  @ApiOkResponse({ type: ReportPageDto.Output })
  list(@CurrentCaller() caller: Caller, @Query() query: ListReportsQueryDto) {
    return this.reports.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A report: status, progress, error, as-of time and content hash of its pinned data',
  })
  @ApiOkResponse({ type: ReportViewDto.Output })
  get(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.reports.get(caller, id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Cancel a queued or running report (its author or a tenant admin)' })
  @ApiOkResponse({ type: ReportViewDto.Output })
  cancel(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.reports.cancel(caller, id);
  }

  @Get(':id/file')
  @ApiProduces('application/pdf', 'application/zip')
  @ApiOperation({ summary: 'Download the finished file (streamed; German file name; 409 until done)' })
  async file(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    await sendReportFile(res, await this.reports.file(caller, id));
  }

  @Post(':id/regenerate')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Render the same pinned data again (same numbers), optionally in another format or language',
  })
  @ApiAcceptedResponse({ type: ReportAcceptedDto.Output })
  regenerate(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RerenderDto,
  ) {
    return this.reports.regenerate(caller, id, body);
  }

  @Post(':id/update')
  @HttpCode(202)
  @ApiOperation({ summary: 'Gather the data again with your permissions: a new version of the report' })
  @ApiAcceptedResponse({ type: ReportAcceptedDto.Output })
  update(
    @CurrentCaller() caller: Caller,
    @OnBehalf() auth: OnBehalfOf,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.reports.update(caller, auth, id);
  }
}
