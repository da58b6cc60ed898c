// Every service's definition, as the platform lists them (apps/platform/src/services.ts — an
// app cannot be imported). permissions.spec.ts checks this list against SERVICES.
import { EVALUATION_SERVICE } from '@quartier/evaluation-api';
import { INDICATOR_SERVICE } from '@quartier/indicator-api';
import { NETWORK_SERVICE } from '@quartier/network-api';
import { PROGRAMME_SERVICE } from '@quartier/programme-api';
import { REGISTRY_SERVICE } from '@quartier/registry-api';
import { REPORTING_SERVICE } from '@quartier/reporting-api';
import type { ServiceDefinition } from '@quartier/service-kit';
import { SURVEY_SERVICE } from '@quartier/survey-api';

export const AUTHZ_SERVICES: readonly ServiceDefinition[] = [
  REGISTRY_SERVICE,
  INDICATOR_SERVICE,
  NETWORK_SERVICE,
  SURVEY_SERVICE,
  PROGRAMME_SERVICE,
  EVALUATION_SERVICE,
  REPORTING_SERVICE,
];
