import { DestroyRef, Injectable, Injector, afterNextRender, inject } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { KEEP_FOCUS_KEY } from '@quartier/portal-ui';
import { filter } from 'rxjs';

/**
 * A single-page app does not reload, so after a navigation the focus would stay on the clicked
 * link and screen readers would not announce the new page. This moves it to the page's h1
 * (`data-route-focus`), falling back to <main>.
 */
@Injectable({ providedIn: 'root' })
export class RouteFocus {
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  start(destroyRef: DestroyRef): void {
    let first = true;
    const subscription = this.router.events
      .pipe(filter((event) => event instanceof NavigationEnd))
      .subscribe(() => {
        const state = this.router.lastSuccessfulNavigation()?.extras.state;
        if (first || (state && state[KEEP_FOCUS_KEY] === true)) {
          first = false;
          return;
        }
        afterNextRender(
          () => {
            const target =
              document.querySelector<HTMLElement>('main [data-route-focus]') ??
              document.querySelector<HTMLElement>('main');
            target?.focus({ preventScroll: false });
          },
          { injector: this.injector },
        );
      });
    destroyRef.onDestroy(() => subscription.unsubscribe());
  }
}
