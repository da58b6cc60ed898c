import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { Results } from '../evaluation-workspace';
import { EvaluationTexts } from '../texts';

type Numbers = Results['numbers'];

/** Waves side by side in one cell: "date: value; date: value". */
function waveList<W extends { waveDate: string }>(waves: readonly W[], value: (wave: W) => string): string {
  return waves.map((wave) => `${wave.waveDate}: ${value(wave)}`).join('; ');
}

/** Survey items per area and wave (k-anonymous cells only) and network measures per wave, with their change. */
@Component({
  selector: 'q-evidence-tables',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="survey-heading">
      <h3 id="survey-heading">{{ t('surveyEvidence') }}</h3>
      @if (results().numbers.survey.length === 0) {
        <p>{{ t('noSurvey') }}</p>
      } @else {
        <table class="table" data-testid="survey-evidence">
          <thead>
            <tr>
              <th scope="col">{{ t('item') }}</th>
              <th scope="col">{{ t('area') }}</th>
              <th scope="col">{{ t('statistic') }}</th>
              <th scope="col">{{ t('wave') }}: {{ t('value') }} ({{ t('respondents') }})</th>
              <th scope="col" class="num">{{ t('change') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (s of results().numbers.survey; track $index) {
              <tr>
                <th scope="row">{{ itemName(s.item) }}{{ s.option ? ': ' + s.option : '' }}</th>
                <td>{{ areaName(s.area) }}</td>
                <td>{{ texts.tk('statistic', s.statistic) }}</td>
                <td>{{ surveyWaves(s.waves) }}</td>
                <td class="num">{{ texts.signed(s.change) }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
    </section>
    <section aria-labelledby="network-heading">
      <h3 id="network-heading">{{ t('networkEvidence') }}</h3>
      @if (results().numbers.network.length === 0) {
        <p>{{ t('noNetwork') }}</p>
      } @else {
        <table class="table" data-testid="network-evidence">
          <thead>
            <tr>
              <th scope="col">{{ t('network') }}</th>
              <th scope="col">{{ t('measureName') }}</th>
              <th scope="col">{{ t('area') }}</th>
              <th scope="col">{{ t('wave') }}: {{ t('value') }}</th>
              <th scope="col" class="num">{{ t('change') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (n of results().numbers.network; track $index) {
              <tr>
                <th scope="row">{{ n.network }}</th>
                <td>{{ n.measure }}</td>
                <td>{{ n.area ? areaName(n.area) : t('wholeNetwork') }}</td>
                <td>{{ networkWaves(n.waves) }}</td>
                <td class="num">{{ texts.signed(n.change, 3) }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
    </section>
  `,
  styleUrl: '../evaluation.scss',
})
export class EvidenceTables {
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly results = input.required<Results>();

  private readonly areas = computed(() => new Map(this.results().areas.map((a) => [a.code, a.name])));
  private readonly items = computed(() => new Map(this.results().surveyItems.map((i) => [i.code, i.name])));

  protected areaName(code: string): string {
    const name = this.areas().get(code);
    return name ? `${code} ${name}` : code;
  }

  /** A survey row's waves: each value with its respondents, or withheld (too few to show). */
  protected surveyWaves(waves: Numbers['survey'][number]['waves']): string {
    return waveList(waves, (w) =>
      w.suppressed
        ? this.t('suppressed')
        : `${this.texts.number(w.value)} (${this.texts.count(w.respondents)})`,
    );
  }

  protected networkWaves(waves: Numbers['network'][number]['waves']): string {
    return waveList(waves, (w) => this.texts.number(w.value, 3));
  }

  protected itemName(code: string): string {
    return this.items().get(code) ?? code;
  }
}
