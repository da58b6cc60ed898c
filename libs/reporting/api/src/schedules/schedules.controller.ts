import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Roles, type Caller } from '@quartier/auth';
import { Clock, NoContentRoute } from '@quartier/service-kit';
import { DEFAULT_RETENTION_DAYS, REPORT_ADMINS, REPORT_AUTHORS } from '../reporting.constants';
import { ReportRepository } from '../reports/report.repository';
import {
  CreateScheduleDto,
  ScheduleListDto,
  ScheduleViewDto,
  SettingsDto,
  SettingsViewDto,
  type CreateScheduleInput,
  type SettingsView,
} from './schedule.dto';
import { SchedulesService } from './schedules.service';

@ApiTags('scheduled reports')
@ApiBearerAuth()
@Controller('api/reporting/schedules')
@Roles(...REPORT_ADMINS)
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Post()
  @ApiOperation({
    summary:
      'Define a scheduled report (a report request and a cron expression, e.g. "0 6 1 3 *" = every 1 March); it runs as the tenant’s schedule account and is listed for every tenant-wide reader',
  })
  @ApiCreatedResponse({ type: ScheduleViewDto.Output })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateScheduleDto) {
    return this.schedules.create(caller, body as CreateScheduleInput);
  }

  @Get()
  @ApiOperation({ summary: 'Scheduled report definitions of the tenant, with their next and last run' })
  @ApiOkResponse({ type: ScheduleListDto.Output })
  list(@CurrentCaller() caller: Caller) {
    return this.schedules.list(caller);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One scheduled report definition' })
  @ApiOkResponse({ type: ScheduleViewDto.Output })
  get(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.schedules.get(caller, id);
  }

  @Post(':id/run')
  @ApiOperation({ summary: 'Run a scheduled report now (its regular runs are unchanged)' })
  @ApiCreatedResponse({ type: ScheduleViewDto.Output })
  run(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.schedules.runNow(caller, id);
  }

  @Delete(':id')
  @NoContentRoute('Remove a scheduled report definition (its reports stay until their retention ends)')
  async remove(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    await this.schedules.remove(caller, id);
  }
}

@ApiTags('report settings')
@ApiBearerAuth()
@Controller('api/reporting/settings')
export class ReportSettingsController {
  constructor(
    private readonly reports: ReportRepository,
    private readonly schedules: SchedulesService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...REPORT_AUTHORS)
  @ApiOperation({
    summary: 'The tenant’s report settings: retention (days a report is kept) and whether schedules can run',
  })
  @ApiOkResponse({ type: SettingsViewDto.Output })
  async get(@CurrentCaller() caller: Caller): Promise<SettingsView> {
    return {
      retentionDays: (await this.reports.retentionDays(caller.tenantId)) ?? DEFAULT_RETENTION_DAYS,
      scheduleAccount: this.schedules.hasAccount(caller.tenantId),
    };
  }

  @Put()
  @Roles(...REPORT_ADMINS)
  @ApiOperation({ summary: 'Set the retention in days (tenant admins); it applies to existing reports too' })
  @ApiOkResponse({ type: SettingsViewDto.Output })
  async put(@CurrentCaller() caller: Caller, @Body() body: SettingsDto): Promise<SettingsView> {
    await this.reports.setRetention(caller.tenantId, body.retentionDays, caller.subject, this.clock.now());
    return this.get(caller);
  }
}
