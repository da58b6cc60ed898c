import { SURVEY_SERVICE } from '@quartier/survey-api';
import { runService } from '@quartier/service-kit';

void runService(SURVEY_SERVICE);
