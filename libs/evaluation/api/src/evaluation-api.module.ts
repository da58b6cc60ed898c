import { Module, type DynamicModule } from '@nestjs/common';
import { serviceFoundation, type RuntimeConfig } from '@quartier/service-kit';

/**
 * The evaluation service. Its domain arrives in a later issue; today it stands on the shared
 * foundation: own schema and migrations, outbox/inbox, registry read models, health and docs.
 */
@Module({})
export class EvaluationApiModule {
  static forRoot(runtime: Pick<RuntimeConfig, 'kafkaBrokers'>): DynamicModule {
    return { module: EvaluationApiModule, ...serviceFoundation({ service: 'evaluation', runtime }) };
  }
}
