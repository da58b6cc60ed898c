import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import {
  I18n,
  Notice,
  ChoiceSelect,
  ScrollRegion,
  Submission,
  SubmissionNotices,
  TableDownload,
  type TableCell,
  type TableRows,
} from '@quartier/portal-ui';
import {
  SurveyApi,
  type Interval,
  type QuestionResults,
  type ResultCell,
  type SurveyDetail,
  type SurveyResults,
} from '../survey-api';
import { BuilderTexts } from '../form-builder/builder-texts';
import { SurveyTexts } from '../texts';
import { waveChoice } from '../wave-choice';

interface ResultRow {
  key: string;
  name: string;
  cell: ResultCell;
  level: 'area' | 'parent' | 'total';
}

/**
 * Results of one wave as the service publishes them: respondents and response rate per area,
 * then per question shares (with 95 % intervals), top-2-box for Likert items, mean and median
 * for numbers. Suppressed cells are shown as such — the API sends no numbers for them.
 */
@Component({
  selector: 'q-results-panel',
  imports: [Notice, TableDownload, ChoiceSelect, ScrollRegion, SubmissionNotices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (survey().waves.length === 0) {
      <p>{{ t('noWave') }}</p>
    } @else {
      <div class="row">
        <label for="results-wave">{{ t('wave') }}</label>
        <select
          id="results-wave"
          [qChoices]="waveChoices()"
          [(chosen)]="waveId"
          data-testid="results-wave"
        ></select>
      </div>
      @if (results.isLoading()) {
        <p role="status">{{ t('loading') }}</p>
      } @else if (results.error()) {
        <q-notice kind="error">{{ texts.problem(results.error()) }}</q-notice>
      } @else if (results.value(); as r) {
        <div class="release" data-testid="release-info">
          <p role="status">
            @if (r.release?.releasedAt; as at) {
              {{ t('releasedAt', { time: releaseTime(at), n: texts.count(r.release.releasedResponses) }) }}
            } @else {
              {{ t('notReleased') }}
            }
          </p>
          <p class="note">{{ t('releaseRule', { k: texts.count(r.k) }) }}</p>
          @if (survey().editable) {
            <div class="row">
              <button
                type="button"
                data-testid="release-results"
                [disabled]="!r.release?.ownerMayRelease || releasing.busy()"
                [attr.aria-describedby]="r.release?.ownerMayRelease ? null : 'release-hint'"
                (click)="release(r.surveyId, r.wave.id)"
              >
                {{ t('releaseResults') }}
              </button>
              @if (!r.release?.ownerMayRelease) {
                <span id="release-hint" class="note">{{
                  t('releaseAfterWave', { date: texts.date(r.wave.closesOn) })
                }}</span>
              }
            </div>
          }
          <q-submission-notices [submission]="releasing" />
        </div>
        <p class="note">{{ t('suppressedNote', { k: texts.count(r.k) }) }}</p>
        <table class="table" data-testid="respondents-table">
          <caption>
            {{
              t('respondents')
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ t('area') }}</th>
              <th scope="col">{{ t('population') }}</th>
              <th scope="col">{{ t('respondents') }}</th>
              <th scope="col">{{ t('responseRate') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (area of r.areas; track area.key) {
              <tr>
                <th scope="row">{{ area.key }} {{ area.name }}</th>
                <td>{{ texts.number(area.population, 0) }}</td>
                @if (area.suppressed) {
                  <td colspan="2" class="suppressed" [attr.data-suppressed]="area.suppressed">
                    {{ suppressedText(area.suppressed) }}
                  </td>
                } @else {
                  <td>{{ texts.number(area.respondents, 0) }}</td>
                  <td>{{ texts.percent(area.responseRate, 2) }}</td>
                }
              </tr>
            }
            <tr class="total">
              <th scope="row">{{ t('total') }}</th>
              <td></td>
              <td>
                {{
                  r.total.respondents === null ? suppressedText('primary') : texts.count(r.total.respondents)
                }}
              </td>
              <td>{{ texts.percent(r.total.responseRate, 2) }}</td>
            </tr>
          </tbody>
        </table>

        @for (q of r.questions; track q.question) {
          <section class="question" [attr.aria-labelledby]="'q-' + q.question">
            <h3 [id]="'q-' + q.question">
              {{ q.label }} <code>{{ q.question }}</code>
            </h3>
            @if (scaleOf(q); as scale) {
              <p class="scale" data-testid="scale-info">{{ scale }}</p>
            }
            <q-table-download
              [rows]="downloadRows(r, q)"
              [fileName]="downloadName(q)"
              [sheet]="q.question"
              [testId]="'results-' + q.question + '-download'"
            />
            <div class="scroll" [qScrollRegion]="q.label + ' ' + q.question">
              <table class="table" [attr.data-question]="q.question">
                <thead>
                  <tr>
                    <th scope="col">{{ t('area') }}</th>
                    <th scope="col">n</th>
                    @if (q.kind === 'numeric') {
                      <th scope="col">{{ t('mean') }} ({{ t('ci') }})</th>
                      <th scope="col">{{ t('median') }}</th>
                    } @else {
                      @if (q.likert) {
                        <th scope="col">{{ t('topTwoBox') }} ({{ t('ci') }})</th>
                      }
                      @for (o of q.options; track o.name) {
                        <th scope="col">{{ o.label }}</th>
                      }
                    }
                  </tr>
                </thead>
                <tbody>
                  @for (row of rowsOf(r, q); track row.level + row.key) {
                    <tr [class.total]="row.level === 'total'" [class.parent]="row.level === 'parent'">
                      <th scope="row">{{ row.name }}</th>
                      @if (row.cell.suppressed !== null) {
                        <td
                          [attr.colspan]="columns(q)"
                          class="suppressed"
                          [attr.data-suppressed]="row.cell.suppressed"
                        >
                          {{ suppressedText(row.cell.suppressed) }}
                        </td>
                      } @else {
                        <td>{{ texts.count(row.cell.n) }}</td>
                        @if (row.cell.kind === 'numeric') {
                          <td>
                            {{ texts.number(row.cell.mean) }}
                            <span class="ci">{{ interval(row.cell.ci, false) }}</span>
                          </td>
                          <td>{{ texts.number(row.cell.median) }}</td>
                        } @else if (row.cell.kind === 'select') {
                          @if (q.likert) {
                            <td>
                              {{ texts.percent(row.cell.topTwoBox?.share) }}
                              <span class="ci">{{ interval(row.cell.topTwoBox?.ci ?? null, true) }}</span>
                              @if (row.cell.topTwoBox?.mean != null) {
                                <span class="ci"
                                  >{{ bt.t('scaleMean') }} {{ texts.number(row.cell.topTwoBox.mean) }}</span
                                >
                              }
                            </td>
                          }
                          @for (o of row.cell.options; track o.option) {
                            <td>
                              {{ texts.percent(o.share) }} <span class="ci">{{ interval(o.ci, true) }}</span>
                            </td>
                          }
                        }
                      }
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          </section>
        }
        @if (r.notPublished.length > 0) {
          <h3>{{ t('notPublished') }}</h3>
          <ul>
            @for (line of r.notPublished; track line) {
              <li>{{ line }}</li>
            }
          </ul>
        }
      }
    }
  `,
  styleUrls: ['../panel-controls.css', '../result-table.css'],
  styles: `
    .row {
      margin: 1rem 0;
    }
    .release {
      border-left: 4px solid #0b5cad;
      padding: 0.25rem 0 0.25rem 0.75rem;
      margin: 0.75rem 0;
    }
    button {
      font: inherit;
      min-height: 2.25rem;
      padding: 0 0.875rem;
    }
    .table {
      margin: 0.5rem 0 1.5rem;
    }
    .table caption {
      text-align: left;
      font-weight: 600;
      padding: 0.25rem 0;
    }
    h3 {
      font-size: 1.05rem;
      margin: 1.25rem 0 0.25rem;
    }
    h3 code {
      font-size: 0.85em;
      color: #3c4650;
    }
  `,
})
export class ResultsPanel {
  private readonly api = inject(SurveyApi);
  private readonly i18n = inject(I18n);
  protected readonly texts = inject(SurveyTexts);
  protected readonly t = this.texts.t;
  protected readonly bt = inject(BuilderTexts);

  readonly survey = input.required<SurveyDetail>();
  /** The wave shown: the reader's choice survives the survey being read again. */
  protected readonly waveId = waveChoice(() => this.survey().waves);
  protected readonly waveChoices = computed(() =>
    this.survey().waves.map((w) => ({ value: w.id, label: `${w.name} (${this.texts.count(w.responses)})` })),
  );
  protected readonly results = resource({
    params: () => (this.waveId() ? { id: this.survey().id, wave: this.waveId() as string } : undefined),
    loader: ({ params }) => this.api.results(params.id, params.wave),
  });
  /** The owner's release: busy while it is sent, its failure in the reader's words. */
  protected readonly releasing = new Submission(this.texts.problem);
  protected readonly waveName = computed(
    () => this.survey().waves.find((w) => w.id === this.waveId())?.name ?? '',
  );

  protected readonly releaseTime = this.i18n.formatDateTime;

  /** The owner's release at the end of the wave; the results are read again afterwards. */
  protected release(surveyId: string, waveId: string): Promise<void> {
    return this.releasing.run(async () => {
      await this.api.releaseResults(surveyId, waveId);
      this.results.reload();
    });
  }

  protected suppressedText(kind: string): string {
    return kind === 'primary' ? this.t('suppressedPrimary') : this.t('suppressedSecondary');
  }

  protected interval(ci: Interval | null, share: boolean): string {
    if (!ci) return '';
    return share
      ? `[${this.texts.percent(ci[0], 0)} – ${this.texts.percent(ci[1], 0)}]`
      : `[${this.texts.number(ci[0])} – ${this.texts.number(ci[1])}]`;
  }

  /** How a Likert scale runs and which two answers its top-2 counts (the most favourable first). */
  protected scaleOf(q: QuestionResults): string | null {
    if (!q.likert) return null;
    let box: { options: string[]; direction?: 'ascending' | 'descending' } | undefined;
    for (const c of [q.total, ...q.areas, ...q.parents])
      if (!box && c.suppressed === null && c.kind === 'select') box = c.topTwoBox;
    if (!box) return null;
    const label = (name: string) => q.options.find((o) => o.name === name)?.label ?? name;
    const options = [...box.options].reverse().map(label).join(', ');
    return this.bt.t(box.direction === 'descending' ? 'scaleShown.descending' : 'scaleShown.ascending', {
      options,
    });
  }

  protected columns(q: QuestionResults): number {
    return q.kind === 'numeric' ? 3 : 1 + q.options.length + (q.likert ? 1 : 0);
  }

  protected rowsOf(r: SurveyResults, q: QuestionResults): ResultRow[] {
    return [
      ...r.areas.map((a, i) => ({
        key: a.key,
        name: `${a.key} ${a.name}`,
        cell: q.areas[i],
        level: 'area' as const,
      })),
      ...r.parents.map((p, i) => ({
        key: p.key,
        name: `${p.name} (${this.t('levelAbove')})`,
        cell: q.parents[i],
        level: 'parent' as const,
      })),
      { key: '*', name: this.t('total'), cell: q.total, level: 'total' as const },
    ];
  }

  /**
   * A question's table for download, as shown but with the numbers split into cells: counts and
   * shares (0–1) per option, interval bounds in their own columns; a suppressed row carries the
   * screen's word in the n column and nothing else.
   */
  protected downloadRows(r: SurveyResults, q: QuestionResults): TableRows {
    const t = this.t;
    const header: string[] = [t('area'), 'n'];
    if (q.kind === 'numeric') header.push(t('mean'), t('ciLow'), t('ciHigh'), t('median'));
    else {
      if (q.likert)
        header.push(t('topTwoBox'), `${t('topTwoBox')} ${t('ciLow')}`, `${t('topTwoBox')} ${t('ciHigh')}`);
      for (const o of q.options) header.push(`${o.label} (${t('count')})`, `${o.label} (${t('share')})`);
    }
    const cells = (cell: ResultCell): TableCell[] => {
      if (cell.suppressed !== null) return [this.suppressedText(cell.suppressed)];
      if (cell.kind === 'numeric') return [cell.n, cell.mean, cell.ci?.[0], cell.ci?.[1], cell.median];
      const box = q.likert ? [cell.topTwoBox?.share, cell.topTwoBox?.ci?.[0], cell.topTwoBox?.ci?.[1]] : [];
      const byName = new Map(cell.options.map((o) => [o.option, o]));
      return [
        cell.n,
        ...box,
        ...q.options.flatMap((o) => [byName.get(o.name)?.count, byName.get(o.name)?.share]),
      ];
    };
    return [header, ...this.rowsOf(r, q).map((row) => [row.name, ...cells(row.cell)])];
  }

  protected downloadName(q: QuestionResults): string {
    return `${this.t('fileResults')}-${this.survey().title}-${this.waveName()}-${q.question}`;
  }
}
