import { EvaluationApiModule, EVALUATION_DOCS } from '@quartier/evaluation-api';
import { createReadModelAccessDirectory, runService } from '@quartier/service-kit';

void runService({
  service: 'evaluation',
  module: (runtime) => EvaluationApiModule.forRoot(runtime),
  accessDirectory: createReadModelAccessDirectory('evaluation'),
  docs: { ...EVALUATION_DOCS, modules: [EvaluationApiModule] },
});
