import { INDICATOR_SERVICE } from '@quartier/indicator-api';
import { runService } from '@quartier/service-kit';

void runService(INDICATOR_SERVICE);
