import { REGISTRY_SERVICE } from '@quartier/registry-api';
import { runService } from '@quartier/service-kit';

void runService(REGISTRY_SERVICE);
