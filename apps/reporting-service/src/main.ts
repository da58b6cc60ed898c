import { REPORTING_SERVICE } from '@quartier/reporting-api';
import { runService } from '@quartier/service-kit';

void runService(REPORTING_SERVICE);
