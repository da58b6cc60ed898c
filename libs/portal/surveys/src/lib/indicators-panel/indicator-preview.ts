import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  resource,
} from '@angular/core';
import {
  ChoiceField,
  Loaded,
  ScrollRegion,
  Submission,
  SubmissionNotices,
  TableDownload,
  type TableCell,
  type TableRows,
} from '@quartier/portal-ui';
import {
  SurveyApi,
  type IndicatorCell,
  type IndicatorMeasure,
  type Interval,
  type SurveyDetail,
  type SurveyResults,
} from '../survey-api';
import { type SurveyMessage, SurveyMessageNotice } from '../survey-message';
import { SurveyWorkspace } from '../survey-workspace';
import { SurveyTexts } from '../texts';
import { waveChoice } from '../wave-choice';
import { previewRows, publishSummary, type PreviewRow } from './indicator-items';
import { IndicatorTexts } from './indicator-texts';

/**
 * The values a wave's indicator items would be published with, per area, per group above and in
 * total, as the survey service computes them for the results (`indicators`: the same numbers the
 * publication sends), and the publication itself (editors).
 */
@Component({
  selector: 'q-indicator-preview',
  imports: [ChoiceField, Loaded, ScrollRegion, SubmissionNotices, SurveyMessageNotice, TableDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="indicator-preview-heading">
      <h2 id="indicator-preview-heading">{{ t('preview') }}</h2>
      @if (survey().waves.length === 0) {
        <p>{{ st('noWave') }}</p>
      } @else {
        <div class="row">
          <q-choice-field
            [label]="st('wave')"
            [choices]="waveChoices()"
            [(chosen)]="waveId"
            testId="indicator-wave"
          />
        </div>
        <p class="note">{{ t('previewNote') }}</p>
        @if (survey().weighting) {
          <p class="note">{{ t('previewWeighted') }}</p>
        }
        <ng-container *qLoaded="results; problem: texts.problem; let r">
          @if (r.indicators.length === 0) {
            <p>{{ t('previewEmpty') }}</p>
          } @else {
            <q-table-download
              [rows]="downloadRows(r)"
              [fileName]="texts.t('fileIndicators') + '-' + survey().title + '-' + r.wave.name"
              [sheet]="t('preview')"
              testId="indicator-preview-download"
            />
            <div class="scroll" [qScrollRegion]="t('preview')">
              <table class="table" data-testid="indicator-preview">
                <thead>
                  <tr>
                    <th scope="col">{{ st('area') }}</th>
                    @for (indicator of r.indicators; track indicator.code) {
                      <th scope="col">
                        {{ indicator.name }} <code>{{ indicator.code }}</code>
                      </th>
                    }
                  </tr>
                </thead>
                <tbody>
                  @for (row of rowsOf(r); track row.level + row.key) {
                    <tr [class.total]="row.level === 'total'" [class.parent]="row.level === 'parent'">
                      <th scope="row">{{ row.name }}</th>
                      @for (cell of row.cells; track $index) {
                        @if (cell.suppressed !== null) {
                          <td class="suppressed" [attr.data-suppressed]="cell.suppressed">
                            {{ suppressedText(cell.suppressed) }}
                          </td>
                        } @else {
                          <td [attr.data-code]="r.indicators[$index].code">
                            {{ valueText(r.indicators[$index].measure, cell.value) }}
                            <span class="ci"
                              >{{ interval(r.indicators[$index].measure, cell.ci) }} n =
                              {{ texts.count(cell.n) }}</span
                            >
                          </td>
                        }
                      }
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
          <div class="publish" data-testid="indicator-publication">
            <p role="status">
              @if (publishedOn(); as on) {
                {{ t('publishedOn', { date: texts.date(on) }) }}
              } @else {
                {{ t('notPublishedYet') }}
              }
            </p>
            @if (survey().editable) {
              <p class="note">{{ t('publishNote') }}</p>
              <button
                type="button"
                data-testid="publish-indicators"
                [disabled]="publishing.busy() || survey().indicatorItems.length === 0"
                (click)="publish(r)"
              >
                {{ t('publish') }}
              </button>
            }
            <q-submission-notices [submission]="publishing" />
            @if (sent(); as m) {
              <q-survey-message [message]="m" data-testid="indicators-published" />
            }
          </div>
        </ng-container>
      }
    </section>
  `,
  styleUrls: ['../panel-controls.css', '../panel-buttons.css', '../result-table.css'],
  styles: `
    .row {
      margin: 1rem 0;
    }
    .table {
      margin: 0.5rem 0 1rem;
    }
    code {
      font-size: 0.85em;
      color: #3c4650;
    }
    .publish {
      border-left: 4px solid #0b5cad;
      padding: 0.25rem 0 0.25rem 0.75rem;
      margin: 0.75rem 0;
    }
  `,
})
export class IndicatorPreview {
  private readonly api = inject(SurveyApi);
  private readonly workspace = inject(SurveyWorkspace);
  protected readonly texts = inject(SurveyTexts);
  protected readonly st = this.texts.t;
  protected readonly t = inject(IndicatorTexts).t;

  readonly survey = input.required<SurveyDetail>();
  /** The wave chosen, kept while the survey is updated (saving the items, publishing). */
  protected readonly waveId = waveChoice(() => this.survey().waves);
  protected readonly waveChoices = computed(() =>
    this.survey().waves.map((w) => ({ value: w.id, label: `${w.name} (${this.texts.count(w.responses)})` })),
  );
  /**
   * What the preview reads: read again when the wave, the weighting or the items change (the
   * service computes the values from the stored items) — not on every other update of the survey.
   */
  private readonly request = computed(
    () => {
      const wave = this.waveId();
      const survey = this.survey();
      if (!wave) return undefined;
      // Published as the survey is: weighted when it has a weighting (ResultsService.publish).
      return {
        id: survey.id,
        wave,
        weighted: survey.weighting !== null,
        items: JSON.stringify(survey.indicatorItems),
      };
    },
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  protected readonly results = resource({
    params: () => this.request(),
    loader: ({ params }) => this.api.results(params.id, params.wave, params.weighted),
  });
  protected readonly publishedOn = computed(
    () => this.survey().waves.find((w) => w.id === this.waveId())?.resultsPublishedOn ?? null,
  );
  protected readonly publishing = new Submission(this.texts.problem);
  /** What the last publication of the chosen wave sent (gone when another wave is chosen). */
  protected readonly sent = linkedSignal<string | null, SurveyMessage | null>({
    source: this.waveId,
    computation: () => null,
  });

  protected rowsOf(r: SurveyResults): PreviewRow[] {
    return previewRows(r, r.indicators, {
      total: this.st('total'),
      parentName: (name) => `${name} (${this.st('levelAbove')})`,
    });
  }

  protected suppressedText(kind: string): string {
    return kind === 'primary' ? this.t('suppressedPrimary') : this.t('suppressedSecondary');
  }

  /** Shares and top-2 as percentages, means as numbers. */
  protected valueText(measure: IndicatorMeasure, value: number | null): string {
    return measure === 'mean' ? this.texts.number(value) : this.texts.percent(value);
  }

  protected interval(measure: IndicatorMeasure, ci: Interval | null): string {
    if (!ci) return '';
    return measure === 'mean'
      ? `[${this.texts.number(ci[0])} – ${this.texts.number(ci[1])}]`
      : `[${this.texts.percent(ci[0], 0)} – ${this.texts.percent(ci[1], 0)}]`;
  }

  /** The preview for download: per indicator its value (a share 0–1), interval bounds and n. */
  protected downloadRows(r: SurveyResults): TableRows {
    const header: string[] = [this.st('area')];
    for (const i of r.indicators)
      header.push(i.code, `${i.code} ${this.st('ciLow')}`, `${i.code} ${this.st('ciHigh')}`, `${i.code} n`);
    const cells = (cell: IndicatorCell): TableCell[] =>
      cell.suppressed !== null
        ? [this.suppressedText(cell.suppressed), null, null, null]
        : [cell.value, cell.ci?.[0], cell.ci?.[1], cell.n];
    return [header, ...this.rowsOf(r).map((row) => [row.name, ...row.cells.flatMap(cells)])];
  }

  /** Sends the wave's values; the confirmation names how many went and which areas went without. */
  protected publish(r: SurveyResults): Promise<void> {
    this.sent.set(null);
    return this.publishing.run(async () => {
      const sent = await this.api.publishIndicators(r.surveyId, r.wave.id);
      const names = new Map(
        [
          ...r.areas.map((a) => [a.areaId, `${a.key} ${a.name}`]),
          ...r.parents.map((p) => [p.areaId, p.name]),
        ].map(([id, name]) => [id, name] as const),
      );
      const summary = publishSummary(sent, names);
      this.sent.set({
        kind: 'success',
        text: this.t('published', {
          values: this.texts.count(summary.values),
          items: this.texts.count(summary.items),
          wave: r.wave.name,
          period: this.texts.date(sent.period),
        }),
        lines: [
          ...summary.perItem.map((item) => this.t('publishedItem', item)),
          summary.suppressed.length > 0
            ? this.t('publishedSuppressed', { areas: summary.suppressed.join(', ') })
            : this.t('publishedNoneSuppressed'),
        ],
      });
      this.workspace.updated(await this.api.survey(r.surveyId));
    });
  }
}
