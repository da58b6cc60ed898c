import type { Routes } from '@angular/router';
import { AreasPage } from './areas-page/areas-page';

export const AREAS_ROUTES: Routes = [{ path: '', component: AreasPage }];
