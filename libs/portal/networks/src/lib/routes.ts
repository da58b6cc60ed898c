import type { Routes } from '@angular/router';
import { NetworksPage } from './networks-page/networks-page';

export const NETWORKS_ROUTES: Routes = [{ path: '', component: NetworksPage }];
