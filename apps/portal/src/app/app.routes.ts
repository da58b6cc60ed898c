import type { Routes } from '@angular/router';
import { authGuard, roleGuard } from '@quartier/portal-data-access';
import { About, AuthCallback, Forbidden, Layout, NotFound } from '@quartier/portal-shell';

export const routes: Routes = [
  {
    path: '',
    component: Layout,
    children: [
      { path: 'auth/callback', component: AuthCallback, title: 'auth.login' },
      { path: 'about', component: About, title: 'nav.about' },
      {
        path: '',
        canActivateChild: [authGuard],
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'areas' },
          {
            path: 'areas',
            title: 'nav.areas',
            loadChildren: () => import('@quartier/portal-areas').then((m) => m.AREAS_ROUTES),
          },
          {
            path: 'networks',
            title: 'nav.networks',
            loadChildren: () => import('@quartier/portal-networks').then((m) => m.NETWORKS_ROUTES),
          },
          {
            path: 'surveys',
            title: 'nav.surveys',
            loadChildren: () => import('@quartier/portal-surveys').then((m) => m.SURVEYS_ROUTES),
          },
          {
            path: 'indicators',
            title: 'nav.indicators',
            loadChildren: () => import('@quartier/portal-indicators').then((m) => m.INDICATORS_ROUTES),
          },
          {
            path: 'programmes',
            title: 'nav.programmes',
            loadChildren: () => import('@quartier/portal-programmes').then((m) => m.PROGRAMMES_ROUTES),
          },
          {
            path: 'evaluation',
            title: 'nav.evaluation',
            loadChildren: () => import('@quartier/portal-evaluation').then((m) => m.EVALUATION_ROUTES),
          },
          {
            path: 'reports',
            title: 'nav.reports',
            loadChildren: () => import('@quartier/portal-reports').then((m) => m.REPORTS_ROUTES),
          },
          {
            path: 'admin',
            canMatch: [roleGuard('tenant-admin', 'platform-admin')],
            loadChildren: () => import('@quartier/portal-admin').then((m) => m.ADMIN_ROUTES),
          },
          { path: 'forbidden', component: Forbidden, title: 'page.forbidden.title' },
        ],
      },
      { path: '**', component: NotFound, title: 'page.notFound.title' },
    ],
  },
];
