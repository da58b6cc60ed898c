import { defineService } from '@quartier/service-kit';
import { ProgrammeDemoSeeder } from './demo/programme-demo-seeder';
import { ProgrammeApiModule } from './programme-api.module';

/** The programme service as the platform, its container and the deployment manifests know it. */
export const PROGRAMME_SERVICE = defineService({
  name: 'programme',
  title: 'Quartier programme service',
  description:
    'Funding programmes: programme areas from the social index, need-based budgets, measures with their workflow, impact models with live attainment, IATI export.',
  /** Measure tables are spooled by the import itself (CSV or XLSX, up to 5 MB). */
  streamedBodyPaths: [/^\/api\/programme\/programmes\/[^/]+\/measures\/import\/?$/],
  moduleClass: ProgrammeApiModule,
  module: (runtime) => ProgrammeApiModule.forRoot(runtime),
  demoSeeder: ProgrammeDemoSeeder,
  // The Berlin programme's areas come from the MSS 2019 index run, the indicator seed's last step.
  demoSeedAfter: ['indicator'],
});
