import type { Routes } from '@angular/router';
import { EvaluationPage } from './evaluation-page/evaluation-page';
import { EvaluationsPage } from './evaluations-page/evaluations-page';

export const EVALUATION_ROUTES: Routes = [
  { path: '', component: EvaluationsPage },
  { path: ':id', component: EvaluationPage },
];
