import { ChangeDetectionStrategy, Component, inject, resource } from '@angular/core';
import { Loaded, ScrollRegion } from '@quartier/portal-ui';
import { IndicatorApi } from '../indicator-api';
import { IndicatorTexts } from '../texts';

/** The tenant's indicator catalogue: definitions with version, unit, polarity, source and rule. */
@Component({
  selector: 'q-indicator-catalogue',
  imports: [Loaded, ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      *qLoaded="indicators; problem: texts.problem; let list"
      class="scroll-x"
      [qScrollRegion]="t('tabCatalogue')"
    >
      <table data-testid="catalogue-table">
        <thead>
          <tr>
            <th scope="col">{{ t('code') }}</th>
            <th scope="col">{{ t('name') }}</th>
            <th scope="col">{{ t('unit') }}</th>
            <th scope="col">{{ t('polarity') }}</th>
            <th scope="col">{{ t('definition') }}</th>
            <th scope="col">{{ t('source') }}</th>
            <th scope="col">{{ t('impactStep') }}</th>
            <th scope="col">{{ t('confidentiality') }}</th>
            <th scope="col" class="num">{{ t('version') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (i of list; track i.code) {
            <tr>
              <th scope="row">{{ i.code }}</th>
              <td>{{ texts.name(i.name) }}</td>
              <td>{{ texts.unit(i.unit) }}</td>
              <td>{{ t(i.polarity) }}</td>
              <td>
                <code>{{
                  i.formula ?? (i.numerator ? '#{' + i.numerator + '} / #{' + i.denominator + '}' : '')
                }}</code>
              </td>
              <td>{{ i.source }}</td>
              <td>{{ i.impactStep ?? '–' }}</td>
              <td>
                {{
                  i.confidentiality
                    ? t('minNumerator', { n: texts.count(i.confidentiality.minNumerator) })
                    : '–'
                }}
              </td>
              <td class="num">{{ i.version }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrl: '../panel.scss',
})
export class Catalogue {
  private readonly api = inject(IndicatorApi);
  protected readonly texts = inject(IndicatorTexts);
  protected readonly t = this.texts.t;
  protected readonly indicators = resource({ loader: () => this.api.indicators() });
}
