import { Module, type DynamicModule } from '@nestjs/common';
import { ReportingError } from '@quartier/reporting-core';
import { registerErrorStatuses, serviceModule, type RuntimeConfig } from '@quartier/service-kit';
import { CreateReportingService1765200000000 } from './migrations/1765200000000-CreateReportingService';
import { ReportRenderJob } from './render/report-job';
import { RenderThread } from './render/render-thread';
import { REPORTING_CORE_ERROR_STATUS } from './reporting.errors';
import { ReportRepository } from './reports/report.repository';
import { ReportSubjects } from './reports/report-subjects';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { ScheduleRepository } from './schedules/schedule.repository';
import { ReportSettingsController, SchedulesController } from './schedules/schedules.controller';
import { SchedulesService } from './schedules/schedules.service';

registerErrorStatuses(ReportingError, REPORTING_CORE_ERROR_STATUS);

/**
 * The reporting service: area profiles (single or a level as a ZIP), monitoring, programme and
 * evaluation reports as PDF, DOCX, XLSX and CSV. Data is gathered from the owning services with
 * the reader's token and pinned; files are rendered by the platform's job runner and stored in
 * PostgreSQL; scheduled reports run as the tenant's schedule account.
 */
@Module({})
export class ReportingApiModule {
  static forRoot(runtime: Pick<RuntimeConfig, 'kafkaBrokers'>): DynamicModule {
    return serviceModule(
      ReportingApiModule,
      {
        service: 'reporting',
        runtime,
        migrations: [CreateReportingService1765200000000],
        jobs: true,
      },
      {
        controllers: [ReportsController, SchedulesController, ReportSettingsController],
        providers: [
          ReportRepository,
          ReportSubjects,
          ReportsService,
          RenderThread,
          ReportRenderJob,
          ScheduleRepository,
          SchedulesService,
        ],
      },
    );
  }
}
