import { PROGRAMME_SERVICE } from '@quartier/programme-api';
import { runService } from '@quartier/service-kit';

void runService(PROGRAMME_SERVICE);
