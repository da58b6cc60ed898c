import { startServiceTestApp, type Clock, type ServiceTestApp } from '@quartier/service-kit';
import { REGISTRY_SERVICE } from '../registry.definition';

export type RegistryTestApp = Omit<ServiceTestApp, 'seedAreas' | 'grant'>;

/**
 * The registry as it runs in production, on a fresh real database, behind the real dev OIDC
 * provider; scope questions are answered from its own tables, as in its container. `clock` fixes
 * its day (which area version is in force).
 */
export function startRegistryTestApp(options: { clock?: Clock } = {}): Promise<RegistryTestApp> {
  return startServiceTestApp(REGISTRY_SERVICE, { runtime: { clock: options.clock } });
}
