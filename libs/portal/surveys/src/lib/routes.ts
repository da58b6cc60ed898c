import type { Routes } from '@angular/router';
import { SurveyPage } from './survey-page/survey-page';
import { SurveysPage } from './surveys-page/surveys-page';

export const SURVEYS_ROUTES: Routes = [
  { path: '', component: SurveysPage },
  { path: ':id', component: SurveyPage },
];
