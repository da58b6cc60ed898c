import { CreateSurvey1764100000000 } from './1764100000000-CreateSurvey';
import { AddSurveyAreaGeometry1764200000000 } from './1764200000000-AddSurveyAreaGeometry';
import { AddResultsReleases1764300000000 } from './1764300000000-AddResultsReleases';
import { AddTenantProfile1766200000000 } from './1766200000000-AddTenantProfile';
import { AreaRefVersionOrder1766620000000 } from './1766620000000-AreaRefVersionOrder';

/** The survey service's own migrations, in order (the module and the repository tests run them). */
export const SURVEY_MIGRATIONS = [
  CreateSurvey1764100000000,
  AddSurveyAreaGeometry1764200000000,
  AddResultsReleases1764300000000,
  AddTenantProfile1766200000000,
  AreaRefVersionOrder1766620000000,
];
