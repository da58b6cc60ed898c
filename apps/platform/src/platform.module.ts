import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@quartier/auth';
import { docsOf, RuntimeModule, type RuntimeConfig, type ServiceDocs } from '@quartier/service-kit';
import { PLATFORM_SERVICES } from '@quartier/platform-services';

/** Every service's OpenAPI document, each listing only its own module's routes. */
export const PLATFORM_DOCS: ServiceDocs[] = PLATFORM_SERVICES.map(docsOf);

export const STREAMED_BODY_PATHS = PLATFORM_SERVICES.flatMap((s) => s.streamedBodyPaths ?? []);

/**
 * All services in one process (embedded mode). Scope questions are answered by the registry's
 * own tables: in one process there is no replication lag to hide.
 */
@Module({})
export class PlatformModule {
  static forRoot(runtime: RuntimeConfig): DynamicModule {
    const registry = PLATFORM_SERVICES.find((s) => s.name === 'registry');
    if (!registry?.accessDirectory) throw new Error('the platform needs the registry service');
    return {
      module: PlatformModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        AuthModule.forRoot({
          accessDirectory: registry.accessDirectory,
          options: { issuer: runtime.oidcIssuer, audience: runtime.oidcAudience },
        }),
        ...PLATFORM_SERVICES.map((s) => s.module(runtime)),
      ],
    };
  }
}
