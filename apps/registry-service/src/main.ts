import { RegistryAccessDirectory, RegistryApiModule, REGISTRY_DOCS } from '@quartier/registry-api';
import { runService } from '@quartier/service-kit';

void runService({
  service: 'registry',
  module: (runtime) => RegistryApiModule.forRoot(runtime),
  accessDirectory: RegistryAccessDirectory,
  docs: { ...REGISTRY_DOCS, modules: [RegistryApiModule] },
  streamedBodyPaths: REGISTRY_DOCS.streamedBodyPaths,
});
