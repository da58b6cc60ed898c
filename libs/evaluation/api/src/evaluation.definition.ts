import { defineService } from '@quartier/service-kit';
import { EvaluationApiModule } from './evaluation-api.module';

/** The evaluation service as the platform, its container and the deployment manifests know it. */
export const EVALUATION_SERVICE = defineService({
  name: 'evaluation',
  title: 'Quartier evaluation service',
  description: 'Impact models, targets and evaluations of measures and programmes.',
  moduleClass: EvaluationApiModule,
  module: (runtime) => EvaluationApiModule.forRoot(runtime),
});
