import { Module, type DynamicModule } from '@nestjs/common';
import { registerErrorStatuses, serviceModule, type RuntimeConfig } from '@quartier/service-kit';
import { AreaRefRepository } from './areas/area-ref.repository';
import { SURVEY_MIGRATIONS } from './migrations/survey-migrations';
import { PublicFormController } from './public/public-form.controller';
import { PublicRateLimiter } from './public/rate-limiter';
import { CollectionService } from './responses/collection.service';
import { ResponseImportService } from './responses/response-import.service';
import { ResponsesController } from './responses/responses.controller';
import { ResultsController } from './results/results.controller';
import { ResultsService } from './results/results.service';
import { ResultsReleaseService } from './results/results-release.service';
import { SurveyDemoSeeder } from './demo/survey-demo-seeder';
import { SURVEY_MODULE_OPTIONS, type SurveyModuleOptions } from './survey.constants';
import { SurveyError } from '@quartier/survey-core';
import { SURVEY_CORE_ERROR_STATUS } from './survey.errors';
import { ResponseRepository } from './responses/response.repository';
import { ResultsReleaseRepository } from './results/results-release.repository';
import { SurveyFormsService } from './surveys/survey-forms.service';
import { SurveyRepository } from './surveys/survey.repository';
import { TargetAreaRepository } from './surveys/target-area.repository';
import { TargetAreasService } from './surveys/target-areas.service';
import { WaveRepository } from './surveys/wave.repository';
import { WavesService } from './surveys/waves.service';
import { SurveysController } from './surveys/surveys.controller';
import { SurveysService } from './surveys/surveys.service';
import { TenantProfileHandler } from './tenants/tenant-profile.handler';
import { TenantProfileRepository } from './tenants/tenant-profile.repository';
import { TenantProfileStore } from './tenants/tenant-profile.store';

registerErrorStatuses(SurveyError, SURVEY_CORE_ERROR_STATUS);

/** Default public rate limit: 30 submissions per client address per 10 minutes (memory only). */
export const DEFAULT_PUBLIC_RATE_LIMIT = { limit: 30, windowSeconds: 600 } as const;

/**
 * The survey service: questionnaires (XLSForm in and out), waves and target areas, the public
 * anonymous form and its submission endpoint, interviewer entry and paper imports, k-anonymous
 * results per area, and `survey.*` events through the outbox.
 */
@Module({})
export class SurveyApiModule {
  static forRoot(
    runtime: Pick<RuntimeConfig, 'kafkaBrokers'>,
    options: SurveyModuleOptions = {},
  ): DynamicModule {
    const rateLimit = options.publicRateLimit ?? DEFAULT_PUBLIC_RATE_LIMIT;
    return serviceModule(
      SurveyApiModule,
      {
        service: 'survey',
        runtime,
        migrations: SURVEY_MIGRATIONS,
        uploads: true,
        handlers: [TenantProfileHandler],
      },
      {
        controllers: [SurveysController, ResponsesController, ResultsController, PublicFormController],
        providers: [
          { provide: SURVEY_MODULE_OPTIONS, useValue: options },
          {
            provide: PublicRateLimiter,
            useValue: new PublicRateLimiter(rateLimit.limit, rateLimit.windowSeconds * 1000),
          },
          SurveyRepository,
          TargetAreaRepository,
          WaveRepository,
          ResponseRepository,
          ResultsReleaseRepository,
          AreaRefRepository,
          TenantProfileRepository,
          TenantProfileStore,
          SurveysService,
          SurveyFormsService,
          TargetAreasService,
          WavesService,
          CollectionService,
          ResponseImportService,
          ResultsService,
          ResultsReleaseService,
          SurveyDemoSeeder,
        ],
        exports: [SurveyDemoSeeder],
      },
    );
  }
}
