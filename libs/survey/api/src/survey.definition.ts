import { defineService } from '@quartier/service-kit';
import { SurveyApiModule } from './survey-api.module';
import { SurveyDemoSeeder } from './demo/survey-demo-seeder';

/** The survey service as the platform, its container and the deployment manifests know it. */
export const SURVEY_SERVICE = defineService({
  name: 'survey',
  title: 'Quartier survey service',
  description:
    "Residents' and actors' surveys: XLSForm questionnaires, the public anonymous form (/api/survey/public/f/{surveyId}), server-side validation, k-anonymous results per area.",
  moduleClass: SurveyApiModule,
  module: (runtime) => SurveyApiModule.forRoot(runtime),
  demoSeeder: SurveyDemoSeeder,
});
