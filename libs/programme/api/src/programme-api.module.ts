import { Module, type DynamicModule } from '@nestjs/common';
import { ProgrammeError } from '@quartier/programme-core';
import { registerErrorStatuses, serviceModule, type RuntimeConfig } from '@quartier/service-kit';
import { ProgrammeAccess } from './access/programme-access.service';
import { PROGRAMME_MIGRATIONS } from './migrations/programme-migrations';
import { PROGRAMME_CORE_ERROR_STATUS } from './programme.errors';
import { AllocationsController } from './allocations/allocations.controller';
import { AreaRefRepository } from './access/area-ref.repository';
import { AllocationRepository } from './allocations/allocation.repository';
import { AllocationsService } from './allocations/allocations.service';
import { AreaSelectionRepository } from './areas/area-selection.repository';
import { IndexRunsRepository } from './areas/index-runs.repository';
import { ProgrammeAreasController } from './areas/programme-areas.controller';
import { ProgrammeAreasService } from './areas/programme-areas.service';
import { ProgrammeDemoSeeder } from './demo/programme-demo-seeder';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { IatiService } from './iati/iati.service';
import { EvidenceResolver } from './impact-models/evidence-resolver';
import { EvidenceRepository } from './impact-models/evidence.repository';
import { ImpactModelRepository } from './impact-models/impact-model.repository';
import { ImpactModelsController } from './impact-models/impact-models.controller';
import { ImpactModelsService } from './impact-models/impact-models.service';
import { MeasureFilesController } from './measures/measure-files.controller';
import { MeasureFilesService } from './measures/measure-files.service';
import { MeasureRepository } from './measures/measure.repository';
import { MeasuresController } from './measures/measures.controller';
import { MeasureChecks } from './measures/measure-checks';
import { MeasuresService } from './measures/measures.service';
import { ProgrammeEvents } from './programmes/programme-events';
import { ProgrammeRepository } from './programmes/programme.repository';
import { ProgrammesController } from './programmes/programmes.controller';
import { ProgrammesService } from './programmes/programmes.service';

registerErrorStatuses(ProgrammeError, PROGRAMME_CORE_ERROR_STATUS, (e) =>
  e.issues.length > 0 ? { ...e.params, issues: e.issues } : e.params,
);

/**
 * The programme service: funding programmes, programme areas from the social index, need-based
 * allocations, measures with their workflow, impact models with attainment computed from the
 * evidence read models (indicator values, survey items, network measures), IATI export.
 */
@Module({})
export class ProgrammeApiModule {
  static forRoot(runtime: Pick<RuntimeConfig, 'kafkaBrokers'>): DynamicModule {
    return serviceModule(
      ProgrammeApiModule,
      {
        service: 'programme',
        runtime,
        evidence: true,
        migrations: PROGRAMME_MIGRATIONS,
        uploads: true,
      },
      {
        controllers: [
          ProgrammesController,
          MeasureFilesController,
          MeasuresController,
          ProgrammeAreasController,
          AllocationsController,
          ImpactModelsController,
          DashboardController,
        ],
        providers: [
          ProgrammeRepository,
          ProgrammeAccess,
          ProgrammeEvents,
          ProgrammesService,
          MeasureRepository,
          MeasureChecks,
          MeasuresService,
          MeasureFilesService,
          IndexRunsRepository,
          AreaSelectionRepository,
          ProgrammeAreasService,
          AreaRefRepository,
          AllocationRepository,
          AllocationsService,
          ImpactModelRepository,
          EvidenceRepository,
          EvidenceResolver,
          ImpactModelsService,
          DashboardService,
          IatiService,
          ProgrammeDemoSeeder,
        ],
      },
    );
  }
}
