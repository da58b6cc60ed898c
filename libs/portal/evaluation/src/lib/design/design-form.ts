import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  type WritableSignal,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { MATCHING_LIMITS } from '@quartier/contracts/browser';
import { ChoiceSelect, RadioGroup, ConfirmedSubmission, SubmissionNotices } from '@quartier/portal-ui';
import { EvaluationWorkspace, type Evaluation } from '../evaluation-workspace';
import { periodProblem, periodsOf, splitPeriods } from '../periods';
import { EvaluationTexts, type EvaluationTextKey } from '../texts';
import { matchingProblem } from './matching';

type Toggle = (code: string, on: boolean) => void;

const toggler =
  (list: WritableSignal<string[]>): Toggle =>
  (code, on) =>
    list.update((codes) => (on ? [...new Set([...codes, code])] : codes.filter((c) => c !== code)));

/** The design step: outcomes, periods, matching specification, survey items and network measures. */
@Component({
  selector: 'q-design-form',
  imports: [ChoiceSelect, FormsModule, NgTemplateOutlet, RadioGroup, SubmissionNotices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './design-form.html',
  styleUrl: '../evaluation.scss',
})
export class DesignForm {
  protected readonly workspace = inject(EvaluationWorkspace);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly evaluation = input.required<Evaluation>();

  protected readonly outcomes = signal<string[]>([]);
  protected readonly choosePeriods = signal(false);
  protected readonly periodModes = computed(() => [
    { value: 'all', label: this.t('allPeriods') },
    { value: 'choose', label: this.t('choosePeriods') },
  ]);
  protected readonly periods = signal<string[]>([]);
  protected readonly useMatching = signal(false);
  protected readonly matchOn = signal<string[]>([]);
  protected readonly baseline = signal('');
  protected readonly k = signal<number | null>(1);
  protected readonly neighbourBounds = MATCHING_LIMITS.neighbours;
  protected readonly surveyItems = signal<string[]>([]);
  protected readonly networkMeasures = signal<string[]>([]);
  protected readonly toggleOutcome = toggler(this.outcomes);
  protected readonly togglePeriod = toggler(this.periods);
  protected readonly toggleMatchOn = toggler(this.matchOn);
  protected readonly toggleSurvey = toggler(this.surveyItems);
  protected readonly toggleNetwork = toggler(this.networkMeasures);
  protected readonly submission = new ConfirmedSubmission(this.workspace.problem);
  protected readonly busy = this.submission.busy;

  protected readonly indicators = computed(() => this.workspace.sources.value()?.indicators ?? []);
  /** What the checkbox fieldsets offer, each as the code it stores and the text it shows. */
  protected readonly outcomeChoices = computed(() =>
    this.indicators().map((i) => ({ key: i.code, label: `${i.name} (${i.code})` })),
  );
  /** Matching is on indicators' baseline values: the codes alone keep the list short. */
  protected readonly matchChoices = computed(() =>
    this.indicators().map((i) => ({ key: i.code, label: i.code })),
  );
  protected readonly surveyChoices = computed(() =>
    (this.workspace.sources.value()?.surveyItems ?? []).map((s) => ({ key: s.code, label: s.name })),
  );
  protected readonly networkChoices = computed(() =>
    (this.workspace.sources.value()?.networkMeasures ?? []).map((m) => ({
      key: m.measure,
      label: `${m.measure} (${this.texts.count(m.networks)})`,
    })),
  );
  /** Periods with values of the chosen outcomes (and matching indicators), marked before/after. */
  protected readonly available = computed(() => {
    const start = this.evaluation().startPeriod;
    const split = splitPeriods(periodsOf(this.indicators(), [...this.outcomes(), ...this.matchOn()]), start);
    return [
      ...split.pre.map((period) => ({ period, phase: 'pre' as const })),
      ...split.post.map((period) => ({ period, phase: 'post' as const })),
    ];
  });
  /** The periods before the start a matching may take as its baseline, as the select's choices. */
  protected readonly baselineOptions = computed(() => {
    const start = this.evaluation().startPeriod;
    return splitPeriods(periodsOf(this.indicators(), this.matchOn()), start).pre.map((p) => ({
      value: p,
      label: p,
    }));
  });
  protected readonly problem = computed(() => {
    if (!this.choosePeriods()) return null;
    const problem = periodProblem(splitPeriods(this.periods(), this.evaluation().startPeriod));
    return problem
      ? this.t(`periodProblem.${problem}` as EvaluationTextKey, { start: this.evaluation().startPeriod })
      : null;
  });

  /** Why the service would refuse the matching as chosen, in words; null without matching. */
  protected readonly matchingText = computed(() => {
    if (!this.useMatching()) return null;
    const problem = matchingProblem(this.matchOn(), this.k());
    return problem
      ? this.t(`matchingProblem.${problem}` as EvaluationTextKey, {
          max: MATCHING_LIMITS.indicators,
          ...(problem === 'bad-neighbours' ? MATCHING_LIMITS.neighbours : {}),
        })
      : null;
  });

  constructor() {
    effect(() => {
      const design = this.evaluation().design;
      this.outcomes.set([...design.outcomes]);
      this.choosePeriods.set(design.periods !== null);
      this.periods.set([...(design.periods ?? [])]);
      this.useMatching.set(design.matching !== null);
      this.matchOn.set([...(design.matching?.on ?? [])]);
      this.baseline.set(design.matching?.period ?? '');
      this.k.set(design.matching?.k ?? 1);
      this.surveyItems.set([...design.surveyItems]);
      this.networkMeasures.set([...design.networkMeasures]);
    });
  }

  /** Matching starts from the outcomes, the usual choice: baseline values of what is evaluated. */
  protected setMatching(on: boolean): void {
    this.useMatching.set(on);
    if (on && this.matchOn().length === 0) this.matchOn.set([...this.outcomes()]);
  }

  protected async save(): Promise<void> {
    const e = this.evaluation();
    await this.submission.run(async () => {
      const updated = await this.workspace.api.put('/api/evaluation/evaluations/{evaluationId}/design', {
        path: { evaluationId: e.id },
        body: {
          outcomes: this.outcomes(),
          periods: this.choosePeriods() ? [...this.periods()].sort() : null,
          matching: this.useMatching()
            ? { on: this.matchOn(), period: this.baseline() || null, k: Number(this.k()) }
            : null,
          comparisonAreaIds: e.design.comparisonAreaIds,
          surveyItems: this.surveyItems(),
          networkMeasures: this.networkMeasures(),
        },
      });
      this.workspace.update(updated);
      this.submission.message.set(this.t('designSaved'));
    });
  }
}
