import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { PORTAL_CONFIG } from '@quartier/portal-data-access';
import { I18n, Notice, PageHeading } from '@quartier/portal-ui';

@Component({
  selector: 'q-about',
  imports: [Notice, PageHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-page-heading [heading]="t('about.title')" [intro]="t('about.body')" />
    <section aria-labelledby="about-data">
      <h2 id="about-data">{{ t('about.dataTitle') }}</h2>
      <ul class="sources">
        <li>
          {{ t('about.lorGeometries') }}
          (<a href="https://www.govdata.de/dl-de/by-2-0" rel="license noopener" target="_blank">{{
            t('about.licenceText')
          }}</a
          >)
        </li>
        <li>{{ t('about.mss') }}</li>
        <li>
          {{ t('about.iati') }}
          (<a href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener" target="_blank">{{
            t('about.licenceText')
          }}</a
          >;
          <a href="https://github.com/IATI/IATI-Schemas/tree/version-2.03" rel="noopener" target="_blank">{{
            t('about.iatiSource')
          }}</a>)
        </li>
      </ul>
      <p>{{ t('about.mapNote') }}</p>
    </section>
    <section aria-labelledby="about-demo">
      <h2 id="about-demo">{{ t('about.demoTitle') }}</h2>
      <p class="sources">{{ t('about.musterstadt') }}</p>
      @switch (berlinData) {
        @case (false) {
          <q-notice data-testid="berlin-missing">
            <p>{{ t('about.berlinMissing') }}</p>
            <p>{{ t('about.addBerlinSteps') }}</p>
          </q-notice>
        }
        @case (true) {
          <p class="sources" data-testid="berlin-present">{{ t('about.berlinPresent') }}</p>
        }
        @default {
          <p class="sources">{{ t('about.addBerlin') }}</p>
        }
      }
    </section>
  `,
  styles: `
    .sources {
      max-width: 75ch;
      line-height: 1.6;
    }
    q-notice p {
      max-width: 75ch;
      margin: 0.25rem 0;
    }
    h2 {
      font-size: 1.25rem;
      font-weight: 500;
    }
  `,
})
export class About {
  protected readonly t = inject(I18n).t;
  /** What the platform said at start: Berlin seeded, Berlin missing, or nothing (no demo). */
  protected readonly berlinData = inject(PORTAL_CONFIG).berlinData;
}
