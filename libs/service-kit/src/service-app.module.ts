import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AuthModule, type AccessDirectory } from '@quartier/auth';
import type { ServiceName } from '@quartier/contracts';
import { createReadModelAccessDirectory } from './read-models/read-model-access-directory';
import type { RuntimeConfig } from './runtime';
import { RuntimeModule } from './runtime.module';

/** What the root module of one service's app is made of. */
export interface ServiceAppParts {
  name: ServiceName;
  module(runtime: RuntimeConfig): DynamicModule;
  /** Defaults to the read-model directory every service but the registry uses. */
  accessDirectory?: Type<AccessDirectory>;
}

/**
 * The root module of one service on its own — its container and its test app alike, so a test
 * runs the service as deployed: the runtime, the access tokens' guard and the service's module.
 */
export function serviceAppModule(runtime: RuntimeConfig, parts: ServiceAppParts): Type<unknown> {
  @Module({
    imports: [
      RuntimeModule.forRoot(runtime),
      AuthModule.forRoot({
        accessDirectory: parts.accessDirectory ?? createReadModelAccessDirectory(parts.name),
        options: { issuer: runtime.oidcIssuer, audience: runtime.oidcAudience },
      }),
      parts.module(runtime),
    ],
  })
  class ServiceAppModule {}
  return ServiceAppModule;
}
