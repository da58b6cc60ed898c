import { Module, type DynamicModule } from '@nestjs/common';
import { serviceFoundation, type RuntimeConfig } from '@quartier/service-kit';

/**
 * The survey service. Its domain arrives in a later issue; today it stands on the shared
 * foundation: own schema and migrations, outbox/inbox, registry read models, health and docs.
 */
@Module({})
export class SurveyApiModule {
  static forRoot(runtime: Pick<RuntimeConfig, 'kafkaBrokers'>): DynamicModule {
    return { module: SurveyApiModule, ...serviceFoundation({ service: 'survey', runtime }) };
  }
}

export const SURVEY_DOCS = {
  service: 'survey',
  title: 'Quartier survey service',
  description: "Residents' and actors' surveys (XLSForm questionnaires, public forms, privacy-safe results per area).",
} as const;
