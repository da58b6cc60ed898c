import { Module, type DynamicModule } from '@nestjs/common';
import { serviceFoundation, type RuntimeConfig } from '@quartier/service-kit';

/**
 * The reporting service. Its domain arrives in a later issue; today it stands on the shared
 * foundation: own schema and migrations, outbox/inbox, registry read models, health and docs.
 */
@Module({})
export class ReportingApiModule {
  static forRoot(runtime: Pick<RuntimeConfig, 'kafkaBrokers'>): DynamicModule {
    return { module: ReportingApiModule, ...serviceFoundation({ service: 'reporting', runtime }) };
  }
}
