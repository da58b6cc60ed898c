import { EVALUATION_SERVICE } from '@quartier/evaluation-api';
import { runService } from '@quartier/service-kit';

void runService(EVALUATION_SERVICE);
