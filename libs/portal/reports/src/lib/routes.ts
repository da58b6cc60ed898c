import type { Routes } from '@angular/router';
import { ReportsPage } from './reports-page/reports-page';

export const REPORTS_ROUTES: Routes = [{ path: '', component: ReportsPage }];
