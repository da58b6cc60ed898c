import { NetworkApiModule, NETWORK_DOCS } from '@quartier/network-api';
import { createReadModelAccessDirectory, runService } from '@quartier/service-kit';

void runService({
  service: 'network',
  module: (runtime) => NetworkApiModule.forRoot(runtime),
  accessDirectory: createReadModelAccessDirectory('network'),
  docs: { ...NETWORK_DOCS, modules: [NetworkApiModule] },
});
