import { SurveyApiModule, SURVEY_DOCS } from '@quartier/survey-api';
import { createReadModelAccessDirectory, runService } from '@quartier/service-kit';

void runService({
  service: 'survey',
  module: (runtime) => SurveyApiModule.forRoot(runtime),
  accessDirectory: createReadModelAccessDirectory('survey'),
  docs: { ...SURVEY_DOCS, modules: [SurveyApiModule] },
});
