import type { Routes } from '@angular/router';
import { MeasurePage } from './measures/measure-page';
import { ProgrammePage } from './programme-page/programme-page';
import { ProgrammesPage } from './programmes-page/programmes-page';

export const PROGRAMMES_ROUTES: Routes = [
  { path: '', component: ProgrammesPage },
  { path: ':id', component: ProgrammePage },
  { path: ':id/measures/:measureId', component: MeasurePage },
];
