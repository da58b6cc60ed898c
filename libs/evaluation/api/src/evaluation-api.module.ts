import { Module, type DynamicModule } from '@nestjs/common';
import { EvaluationError } from '@quartier/evaluation-core';
import { registerErrorStatuses, serviceModule, type RuntimeConfig } from '@quartier/service-kit';
import { EvaluationAccess } from './access/evaluation-access.service';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueService } from './catalogue/catalogue.service';
import { EvaluationDemoSeeder } from './demo/evaluation-demo-seeder';
import { DesignController } from './design/design.controller';
import { DesignService } from './design/design.service';
import { ResultsService } from './design/results.service';
import { EVALUATION_CORE_ERROR_STATUS } from './evaluation.errors';
import { EvaluationEditor } from './evaluations/evaluation-editor';
import { EvaluationEvents } from './evaluations/evaluation-events';
import { EvaluationRepository } from './evaluations/evaluation.repository';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { EvaluationsService } from './evaluations/evaluations.service';
import { EvidenceCollector } from './evidence/evidence-collector';
import { EvidenceRepository } from './evidence/evidence.repository';
import { EVALUATION_MIGRATIONS } from './migrations/evaluation-migrations';
import { ProgrammeReadModelHandler } from './read-models/programme-read-model.handler';
import { RefsRepository } from './read-models/refs.repository';
import { SnapshotRepository } from './snapshots/snapshot.repository';
import { SnapshotsController } from './snapshots/snapshots.controller';
import { SnapshotsService } from './snapshots/snapshots.service';
import { WorkflowService } from './workflow/workflow.service';

registerErrorStatuses(EvaluationError, EVALUATION_CORE_ERROR_STATUS);

/**
 * The evaluation service: evaluations of programmes, measures or chosen areas with questions,
 * OECD-DAC ratings, findings and recommendations and their workflow; designs computed from the
 * evidence read models (before/after, matched comparison areas with balance, difference-in-
 * differences and event studies, survey and network evidence); frozen evidence snapshots from
 * which every number of a frozen evaluation is recomputed; read models of programmes and
 * measures from the programme service's events.
 */
@Module({})
export class EvaluationApiModule {
  static forRoot(runtime: Pick<RuntimeConfig, 'kafkaBrokers'>): DynamicModule {
    return serviceModule(
      EvaluationApiModule,
      {
        service: 'evaluation',
        runtime,
        evidence: true,
        migrations: EVALUATION_MIGRATIONS,
        handlers: [ProgrammeReadModelHandler],
      },
      {
        controllers: [CatalogueController, EvaluationsController, DesignController, SnapshotsController],
        providers: [
          RefsRepository,
          EvidenceRepository,
          EvaluationRepository,
          SnapshotRepository,
          EvaluationAccess,
          EvaluationEditor,
          EvaluationEvents,
          EvidenceCollector,
          ResultsService,
          EvaluationsService,
          WorkflowService,
          DesignService,
          SnapshotsService,
          CatalogueService,
          EvaluationDemoSeeder,
        ],
        exports: [EvaluationDemoSeeder],
      },
    );
  }
}
