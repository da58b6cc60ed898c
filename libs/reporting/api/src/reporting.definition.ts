import { defineService } from '@quartier/service-kit';
import { ReportingApiModule } from './reporting-api.module';

/** The reporting service as the platform, its container and the deployment manifests know it. */
export const REPORTING_SERVICE = defineService({
  name: 'reporting',
  title: 'Quartier reporting service',
  description: 'Area profiles, monitoring and evaluation reports (PDF/XLSX/CSV).',
  moduleClass: ReportingApiModule,
  module: (runtime) => ReportingApiModule.forRoot(runtime),
});
