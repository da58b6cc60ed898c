import { Module, type DynamicModule } from '@nestjs/common';
import { serviceFoundation, type RuntimeConfig } from '@quartier/service-kit';

/**
 * The network service. Its domain arrives in a later issue; today it stands on the shared
 * foundation: own schema and migrations, outbox/inbox, registry read models, health and docs.
 */
@Module({})
export class NetworkApiModule {
  static forRoot(runtime: Pick<RuntimeConfig, 'kafkaBrokers'>): DynamicModule {
    return { module: NetworkApiModule, ...serviceFoundation({ service: 'network', runtime }) };
  }
}

export const NETWORK_DOCS = {
  service: 'network',
  title: 'Quartier network service',
  description: "Actor networks: actors, ties, waves and the field's network measures.",
} as const;
