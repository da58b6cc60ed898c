import { Module, type DynamicModule } from '@nestjs/common';
import {
  registerErrorStatuses,
  serviceFoundation,
  UploadsModule,
  type RuntimeConfig,
} from '@quartier/service-kit';
import { CreateSurvey1764100000000 } from './migrations/1764100000000-CreateSurvey';
import { AddSurveyAreaGeometry1764200000000 } from './migrations/1764200000000-AddSurveyAreaGeometry';
import { AddResultsReleases1764300000000 } from './migrations/1764300000000-AddResultsReleases';
import { AddTenantProfile1766200000000 } from './migrations/1766200000000-AddTenantProfile';
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
import { SURVEY_ERROR_STATUS, SurveyApiError } from './survey.errors';
import { SurveyStore } from './surveys/survey-store';
import { SurveysController } from './surveys/surveys.controller';
import { SurveysService } from './surveys/surveys.service';
import { TenantProfileHandler } from './tenants/tenant-profile.handler';
import { TenantProfileStore } from './tenants/tenant-profile.store';

registerErrorStatuses(SurveyApiError, SURVEY_ERROR_STATUS);
registerErrorStatuses(SurveyError, SURVEY_ERROR_STATUS);

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
    const foundation = serviceFoundation({
      service: 'survey',
      runtime,
      migrations: [
        CreateSurvey1764100000000,
        AddSurveyAreaGeometry1764200000000,
        AddResultsReleases1764300000000,
        AddTenantProfile1766200000000,
      ],
      handlers: [TenantProfileHandler],
    });
    const rateLimit = options.publicRateLimit ?? DEFAULT_PUBLIC_RATE_LIMIT;
    return {
      module: SurveyApiModule,
      ...foundation,
      imports: [...foundation.imports, UploadsModule.forService('survey')],
      controllers: [
        ...foundation.controllers,
        SurveysController,
        ResponsesController,
        ResultsController,
        PublicFormController,
      ],
      providers: [
        ...foundation.providers,
        { provide: SURVEY_MODULE_OPTIONS, useValue: options },
        {
          provide: PublicRateLimiter,
          useValue: new PublicRateLimiter(rateLimit.limit, rateLimit.windowSeconds * 1000),
        },
        SurveyStore,
        TenantProfileStore,
        SurveysService,
        CollectionService,
        ResponseImportService,
        ResultsService,
        ResultsReleaseService,
        SurveyDemoSeeder,
      ],
      exports: [SurveyDemoSeeder],
    };
  }
}
