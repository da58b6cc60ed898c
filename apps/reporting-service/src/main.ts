import { ReportingApiModule, REPORTING_DOCS } from '@quartier/reporting-api';
import { createReadModelAccessDirectory, runService } from '@quartier/service-kit';

void runService({
  service: 'reporting',
  module: (runtime) => ReportingApiModule.forRoot(runtime),
  accessDirectory: createReadModelAccessDirectory('reporting'),
  docs: { ...REPORTING_DOCS, modules: [ReportingApiModule] },
});
