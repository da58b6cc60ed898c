import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Notice, TableDownload, type TableRows } from '@quartier/portal-ui';
import { EventStudyChart, type EventStudyChartTexts } from '../charts/event-study-chart';
import { EvaluationWorkspace, type Outcome, type Results } from '../evaluation-workspace';
import { eventStudyChartData, eventStudyRows, preTrendPeriods } from '../event-study-view';
import { succeeded } from '../numbers';
import { EvaluationTexts } from '../texts';

/** One outcome indicator: before/after against the city, the DiD, and the event study (chart and table). */
@Component({
  selector: 'q-outcome-result',
  imports: [Notice, EventStudyChart, TableDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './outcome-result.html',
  styleUrl: '../evaluation.scss',
})
export class OutcomeResult {
  private readonly workspace = inject(EvaluationWorkspace);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly outcome = input.required<Outcome>();
  readonly results = input.required<Results>();

  protected readonly name = computed(() => this.workspace.indicatorName(this.outcome().indicator));
  /** The indicator's unit in words ("%" stays; the catalogue's `count`, `index` are translated). */
  protected readonly unit = computed(() =>
    this.texts.tk(
      'unit',
      this.results().indicators.find((i) => i.code === this.outcome().indicator)?.unit ?? '',
    ),
  );
  protected readonly headingId = computed(() => `outcome-${this.outcome().indicator}`);

  protected readonly beforeAfter = computed(() => succeeded(this.outcome().beforeAfter));
  protected readonly beforeAfterError = computed(() => this.texts.failed(this.outcome().beforeAfter));
  protected readonly beforeAfterRows = computed(() => {
    const ba = this.beforeAfter();
    if (!ba) return [];
    const rows = [{ label: this.t('programmeSeries'), series: ba.programme }];
    // The service names the whole level `city`; other labels are the city's own area name.
    if (ba.reference)
      rows.push({
        label: ba.reference.label === 'city' ? this.t('referenceCity') : ba.reference.label,
        series: ba.reference,
      });
    return rows;
  });

  protected readonly did = computed(() => succeeded(this.outcome().did));
  protected readonly didError = computed(() => this.texts.failed(this.outcome().did));
  /** The DiD's group means, treated then comparison, each with its change: the table's rows. */
  protected readonly didMeans = computed(() => {
    const means = this.did()?.means;
    if (!means) return [];
    return (['treated', 'comparison'] as const).map((group) => {
      const { pre, post } = means[group];
      return { label: this.t(`group.${group}`), pre, post, change: post - pre };
    });
  });
  /**
   * The DiD's group means as the table shows them, then the estimate with its interval, standard
   * error and p value (the facts above the table) in the change column, for the CSV/XLSX download.
   */
  protected readonly didRows = computed<TableRows>(() => {
    const d = this.did();
    const header = [this.t('group'), this.t('before'), this.t('after'), this.t('change')];
    if (!d) return [header];
    return [
      header,
      ...this.didMeans().map((m) => [m.label, m.pre, m.post, m.change]),
      [this.t('estimate'), null, null, d.estimate],
      [`${this.t('ci95')} −`, null, null, d.ci95[0]],
      [`${this.t('ci95')} +`, null, null, d.ci95[1]],
      [this.t('se'), null, null, d.se],
      [this.t('pValue'), null, null, d.p],
    ];
  });
  protected readonly didFileName = computed(
    () => `did-${this.workspace.evaluation.value()?.title ?? ''}-${this.outcome().indicator}`,
  );
  protected readonly didSentence = computed(() => {
    const did = this.did();
    if (!did) return '';
    return this.t('didSentence', {
      estimate: this.texts.signed(did.estimate),
      unit: this.unit(),
      low: this.texts.signed(did.ci95[0]),
      high: this.texts.signed(did.ci95[1]),
      p: this.texts.p(did.p),
      treated: did.clusters.treated,
      comparison: did.clusters.comparison,
    });
  });

  protected readonly studyError = computed(() => this.texts.failed(this.outcome().eventStudy));
  protected readonly studyRows = computed(() => {
    const study = succeeded(this.outcome().eventStudy);
    return study ? eventStudyRows(study) : [];
  });
  protected readonly chartData = computed(() => eventStudyChartData(this.studyRows()));
  protected readonly preTrends = computed(() => preTrendPeriods(this.studyRows()));
  protected readonly chartTexts = computed<EventStudyChartTexts>(() => ({
    estimate: this.t('estimate'),
    interval: this.t('ci95'),
    axis: this.t('relative'),
    start: this.t('startShort'),
  }));
  /** What the chart shows, in words: every estimate with its interval. */
  protected readonly chartLabel = computed(() =>
    this.t('eventStudyChart', {
      indicator: this.name(),
      summary: this.studyRows()
        .map((r) =>
          r.estimate === null
            ? `${r.label}: –`
            : r.reference
              ? `${r.label}: ${this.t('referencePeriod')}`
              : `${r.label}: ${this.texts.signed(r.estimate)} [${this.texts.signed(r.low)}; ${this.texts.signed(r.high)}]`,
        )
        .join(', '),
    }),
  );
}
