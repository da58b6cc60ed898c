import type { Routes } from '@angular/router';
import { IndicatorsPage } from './indicators-page/indicators-page';

export const INDICATORS_ROUTES: Routes = [{ path: '', component: IndicatorsPage }];
