import { defineService } from '@quartier/service-kit';
import { RegistryAccessDirectory } from './registry-access-directory';
import { RegistryApiModule } from './registry-api.module';
import { RegistryDemoSeeder } from './demo/demo-seeder';

/** The registry service as the platform, its container and the deployment manifests know it. */
export const REGISTRY_SERVICE = defineService({
  name: 'registry',
  title: 'Quartier registry service',
  description:
    'Tenants, area levels, areas and area versions with crosswalks, GeoJSON imports and role assignments.',
  /** Area imports stream their bodies (up to 100 MB) instead of having Express parse them. */
  streamedBodyPaths: [/^\/api\/registry\/area-imports\/?$/],
  moduleClass: RegistryApiModule,
  module: (runtime) => RegistryApiModule.forRoot(runtime),
  accessDirectory: RegistryAccessDirectory,
  demoSeeder: RegistryDemoSeeder,
});
