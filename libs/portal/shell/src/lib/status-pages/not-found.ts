import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { I18n, PageHeading } from '@quartier/portal-ui';

@Component({
  selector: 'q-not-found',
  imports: [PageHeading, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-page-heading [heading]="t('page.notFound.title')" [intro]="t('page.notFound.body')" />
    <p>
      <a routerLink="/">{{ t('page.notFound.home') }}</a>
    </p>
  `,
})
export class NotFound {
  protected readonly t = inject(I18n).t;
}
