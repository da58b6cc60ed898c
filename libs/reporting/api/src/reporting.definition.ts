import { defineService } from '@quartier/service-kit';
import { ReportingApiModule } from './reporting-api.module';

/** The reporting service as the platform, its container and the deployment manifests know it. */
export const REPORTING_SERVICE = defineService({
  name: 'reporting',
  title: 'Quartier reporting service',
  description:
    'Area profiles (one area, or every area of a level as a ZIP), monitoring, programme and evaluation reports as PDF, DOCX, XLSX and CSV: data gathered with the reader’s permissions and pinned, files made in the background and kept in PostgreSQL, scheduled reports.',
  moduleClass: ReportingApiModule,
  module: (runtime) => ReportingApiModule.forRoot(runtime),
});
