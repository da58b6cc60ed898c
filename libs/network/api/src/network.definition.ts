import { defineService } from '@quartier/service-kit';
import { NetworkApiModule } from './network-api.module';
import { NetworkDemoSeeder } from './demo/network-demo-seeder';

/** The network service as the platform, its container and the deployment manifests know it. */
export const NETWORK_SERVICE = defineService({
  name: 'network',
  title: 'Quartier network service',
  description: "Actor networks: actors, ties, waves and the field's network measures.",
  moduleClass: NetworkApiModule,
  module: (runtime) => NetworkApiModule.forRoot(runtime),
  demoSeeder: NetworkDemoSeeder,
});
