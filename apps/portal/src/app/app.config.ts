import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  TitleStrategy,
  provideRouter,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import { Auth, PORTAL_CONFIG, type PortalConfig, authInterceptor } from '@quartier/portal-data-access';
import { BootFailure, TranslatedTitleStrategy } from '@quartier/portal-shell';
import { routes } from './app.routes';

export function appConfig(config: PortalConfig): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      provideZonelessChangeDetection(),
      { provide: PORTAL_CONFIG, useValue: config },
      provideHttpClient(withInterceptors([authInterceptor])),
      provideRouter(
        routes,
        withComponentInputBinding(),
        withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
      ),
      { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
      // The stored session must be known before the first guard runs; if it cannot be read,
      // the start fails with a page saying so (main.ts).
      provideAppInitializer(() =>
        inject(Auth)
          .restore()
          .catch((error: unknown) => {
            throw new BootFailure('session', error);
          }),
      ),
    ],
  };
}
