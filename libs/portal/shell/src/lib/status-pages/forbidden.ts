import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { I18n, Notice, PageHeading } from '@quartier/portal-ui';

@Component({
  selector: 'q-forbidden',
  imports: [Notice, PageHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-page-heading [heading]="t('page.forbidden.title')" />
    <q-notice kind="error">{{ t('page.forbidden.body') }}</q-notice>
  `,
})
export class Forbidden {
  protected readonly t = inject(I18n).t;
}
