import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { I18n, Notice, PageHeading, type TranslationKey } from '@quartier/portal-ui';

/**
 * The honest placeholder for features whose service does not exist yet: it says so, and shows
 * no invented numbers. `feature` comes from the route's data (component input binding).
 */
@Component({
  selector: 'q-coming-soon',
  imports: [Notice, PageHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-page-heading [heading]="t('page.comingSoon.title', { feature: t(feature()) })" />
    <q-notice kind="info">{{ t('page.comingSoon.body') }}</q-notice>
  `,
})
export class ComingSoon {
  protected readonly t = inject(I18n).t;
  readonly feature = input.required<TranslationKey>();
}
