import { NETWORK_SERVICE } from '@quartier/network-api';
import { runService } from '@quartier/service-kit';

void runService(NETWORK_SERVICE);
