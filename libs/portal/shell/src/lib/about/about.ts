import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { I18n, PageHeading } from '@quartier/portal-ui';

@Component({
  selector: 'q-about',
  imports: [PageHeading],
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
      <p class="sources">{{ t('about.addBerlin') }}</p>
    </section>
  `,
  styles: `
    .sources {
      max-width: 75ch;
      line-height: 1.6;
    }
    h2 {
      font-size: 1.25rem;
      font-weight: 500;
    }
  `,
})
export class About {
  protected readonly t = inject(I18n).t;
}
