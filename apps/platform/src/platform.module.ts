import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AuthModule } from '@quartier/auth';
import { EvaluationApiModule, EVALUATION_DOCS } from '@quartier/evaluation-api';
import { IndicatorApiModule, INDICATOR_DOCS } from '@quartier/indicator-api';
import { NetworkApiModule, NETWORK_DOCS } from '@quartier/network-api';
import { RegistryAccessDirectory, RegistryApiModule, REGISTRY_DOCS } from '@quartier/registry-api';
import { ReportingApiModule, REPORTING_DOCS } from '@quartier/reporting-api';
import { RuntimeModule, type RuntimeConfig, type ServiceDocs } from '@quartier/service-kit';
import { SurveyApiModule, SURVEY_DOCS } from '@quartier/survey-api';

/** Every service's OpenAPI document, each listing only its own module's routes. */
export const PLATFORM_DOCS: ServiceDocs[] = [
  { ...REGISTRY_DOCS, modules: [RegistryApiModule] },
  { ...SURVEY_DOCS, modules: [SurveyApiModule] },
  { ...NETWORK_DOCS, modules: [NetworkApiModule] },
  { ...INDICATOR_DOCS, modules: [IndicatorApiModule] },
  { ...EVALUATION_DOCS, modules: [EvaluationApiModule] },
  { ...REPORTING_DOCS, modules: [ReportingApiModule] },
];

export const STREAMED_BODY_PATHS = [...REGISTRY_DOCS.streamedBodyPaths, ...INDICATOR_DOCS.streamedBodyPaths];

/**
 * All six services in one process (embedded mode). Scope questions are answered by the
 * registry's own tables: in one process there is no replication lag to hide.
 */
@Module({})
export class PlatformModule {
  static forRoot(runtime: RuntimeConfig): DynamicModule {
    const services: DynamicModule[] = [
      RegistryApiModule.forRoot(runtime),
      SurveyApiModule.forRoot(runtime),
      NetworkApiModule.forRoot(runtime),
      IndicatorApiModule.forRoot(runtime),
      EvaluationApiModule.forRoot(runtime),
      ReportingApiModule.forRoot(runtime),
    ];
    return {
      module: PlatformModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        AuthModule.forRoot({
          accessDirectory: RegistryAccessDirectory as Type<RegistryAccessDirectory>,
          options: { issuer: runtime.oidcIssuer, audience: runtime.oidcAudience },
        }),
        ...services,
      ],
    };
  }
}
