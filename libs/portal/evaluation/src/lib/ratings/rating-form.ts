import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { EVIDENCE_KINDS } from '@quartier/contracts/browser';
import { RadioGroup, ConfirmedSubmission, SubmissionNotices } from '@quartier/portal-ui';
import { EvaluationWorkspace, type Criteria, type Evaluation } from '../evaluation-workspace';
import { EvaluationTexts } from '../texts';

type Rating = Evaluation['ratings'][number];
type EvidenceKind = Rating['evidence'][number]['kind'];
interface EvidenceRow {
  kind: EvidenceKind;
  ref: string;
  note: string;
}

/** One criterion: its guiding question, the 4-step rating, the justification and the evidence it rests on. */
@Component({
  selector: 'q-rating-form',
  imports: [FormsModule, RadioGroup, SubmissionNotices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rating-form.html',
  styleUrl: '../evaluation.scss',
})
export class RatingForm {
  private readonly workspace = inject(EvaluationWorkspace);
  protected readonly texts = inject(EvaluationTexts);
  protected readonly t = this.texts.t;
  readonly evaluation = input.required<Evaluation>();
  readonly criterion = input.required<Criteria['criteria'][number]>();
  readonly scale = input.required<Criteria['scale']>();
  readonly rating = input.required<Rating | null>();

  protected readonly kinds = EVIDENCE_KINDS;
  protected readonly level = signal<number | null>(null);
  /** The scale as radio choices; a choice's value is its code as text ('' while none is chosen). */
  protected readonly levelChoices = computed(() =>
    this.scale().map((s) => ({
      value: String(s.code),
      label: `${s.code} – ${this.texts.pick(s.label)} (${this.t(s.successful ? 'successful' : 'unsuccessful')})`,
    })),
  );
  protected justification = '';
  protected readonly evidence = signal<EvidenceRow[]>([]);
  protected readonly submission = new ConfirmedSubmission(this.workspace.problem);
  protected readonly busy = this.submission.busy;
  protected readonly id = computed(() => `rating-${this.criterion().code}`);
  protected readonly editable = computed(() => this.evaluation().editable);
  /** Indicator codes of the design, offered as references. */
  protected readonly suggestions = computed(() => this.evaluation().design.outcomes);
  protected readonly current = computed(() => {
    const rating = this.rating();
    const level = rating ? this.scale().find((s) => s.code === rating.rating) : undefined;
    return level ? `${level.code} – ${this.texts.pick(level.label)}` : this.t('notRated');
  });

  constructor() {
    effect(() => {
      const rating = this.rating();
      this.level.set(rating?.rating ?? null);
      this.justification = rating?.justification ?? '';
      this.evidence.set(
        (rating?.evidence ?? []).map((e) => ({ kind: e.kind, ref: e.ref, note: e.note ?? '' })),
      );
    });
  }

  protected addEvidence(): void {
    this.evidence.update((rows) => [...rows, { kind: 'did', ref: this.suggestions()[0] ?? '', note: '' }]);
  }

  protected removeEvidence(index: number): void {
    this.evidence.update((rows) => rows.filter((_, i) => i !== index));
  }

  protected setEvidence(index: number, change: Partial<EvidenceRow>): void {
    this.evidence.update((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  protected async save(): Promise<void> {
    const level = this.level();
    if (level === null) return;
    await this.submission.run(async () => {
      const updated = await this.workspace.api.put(
        '/api/evaluation/evaluations/{evaluationId}/ratings/{criterion}',
        {
          path: { evaluationId: this.evaluation().id, criterion: this.criterion().code },
          body: {
            rating: level,
            justification: this.justification.trim(),
            evidence: this.evidence()
              .filter((e) => e.ref.trim() !== '')
              .map((e) => ({
                kind: e.kind,
                ref: e.ref.trim(),
                ...(e.note.trim() ? { note: e.note.trim() } : {}),
              })),
          },
        },
      );
      this.workspace.update(updated);
      this.submission.message.set(
        this.t('ratingSaved', { criterion: this.texts.pick(this.criterion().label) }),
      );
    });
  }
}
