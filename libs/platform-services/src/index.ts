import { EVALUATION_SERVICE } from '@quartier/evaluation-api';
import { INDICATOR_SERVICE } from '@quartier/indicator-api';
import { NETWORK_SERVICE } from '@quartier/network-api';
import { PROGRAMME_SERVICE } from '@quartier/programme-api';
import { REGISTRY_SERVICE } from '@quartier/registry-api';
import { REPORTING_SERVICE } from '@quartier/reporting-api';
import type { ServiceDefinition } from '@quartier/service-kit';
import { SURVEY_SERVICE } from '@quartier/survey-api';

/**
 * Every service of the platform, in start and demo-seeding order: the registry first (the
 * others' read models and demo data build on its areas), then each service after the ones whose
 * facts it consumes. The embedded platform, its OpenAPI documents and the deployment manifests
 * are derived from this list (see docs/adding-a-service.md), and so are the tools that check them
 * (the authorisation matrix, the generated-client check, the fuzzer). It is a library rather than
 * part of the platform app because an app cannot be imported.
 */
export const PLATFORM_SERVICES: readonly ServiceDefinition[] = [
  REGISTRY_SERVICE,
  INDICATOR_SERVICE,
  NETWORK_SERVICE,
  SURVEY_SERVICE,
  PROGRAMME_SERVICE,
  EVALUATION_SERVICE,
  REPORTING_SERVICE,
];
