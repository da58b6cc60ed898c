import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  resource,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { problemFrom, type ProgrammeSchemas } from '@quartier/portal-data-access';
import { ConfirmedSubmission, I18n, Loaded, PageHeading, SubmissionNotices } from '@quartier/portal-ui';
import { BUDGET_YEARS } from '@quartier/contracts/browser';
import { budgetYear, eurosInput, parseEuros } from '../money';
import { measureAreas, ProgrammeWorkspace } from '../programme-workspace';
import { ProgrammeTexts } from '../texts';
import { type OverCommitmentCell, overCommitmentCells } from './over-commitment';

/** A workflow step as the service's transition takes it (its enum: one it drops fails the list below). */
type Action = ProgrammeSchemas['TransitionDto']['action'];
const ACTIONS: readonly Action[] = ['approve', 'reject', 'start', 'complete', 'cancel'];

/** `/programmes/:id/measures/:measureId`: a measure with its workflow buttons, audit trail and expenditures. */
@Component({
  selector: 'q-measure-page',
  imports: [FormsModule, Loaded, PageHeading, RouterLink, SubmissionNotices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ProgrammeWorkspace],
  templateUrl: './measure-page.html',
  styleUrl: '../programme.scss',
})
export class MeasurePage {
  private readonly workspace = inject(ProgrammeWorkspace);
  private readonly i18n = inject(I18n);
  protected readonly texts = inject(ProgrammeTexts);
  protected readonly t = this.texts.t;
  readonly id = input.required<string>();
  readonly measureId = input.required<string>();
  protected readonly programme = this.workspace.programme;
  protected readonly areasOf = measureAreas;
  protected readonly problem = this.workspace.problem;

  protected readonly measure = resource({
    params: () => this.measureId(),
    loader: ({ params }) =>
      this.workspace.api.get('/api/programme/measures/{measureId}', { path: { measureId: params } }),
  });
  protected readonly audit = resource({
    params: () => ({ id: this.measureId(), version: this.measure.value()?.updatedAt }),
    loader: ({ params }) =>
      this.workspace.api.get('/api/programme/measures/{measureId}/audit', { path: { measureId: params.id } }),
  });
  protected readonly actions = computed(() =>
    ACTIONS.filter((a) => (this.measure.value()?.actions ?? []).includes(a)),
  );

  protected comment = '';
  protected deliberate = false;
  protected readonly overCommitment = signal<OverCommitmentCell[] | null>(null);
  protected readonly expenditures = signal<{ year: number | null; line: string; euros: string }[]>([]);
  protected readonly submission = new ConfirmedSubmission(this.workspace.problem);
  protected readonly busy = this.submission.busy;
  protected readonly yearBounds = BUDGET_YEARS;

  constructor() {
    effect(() => this.workspace.id.set(this.id()));
    effect(() => {
      const measure = this.measure.value();
      const locale = this.i18n.locale();
      if (measure)
        this.expenditures.set(
          measure.expenditures.map((e) => ({
            year: e.year,
            line: e.line,
            euros: eurosInput(e.amountCents, locale),
          })),
        );
    });
  }

  /** Steps that stop committed work need a reason (programme-core's workflow: CommentRequired). */
  protected needsComment(action: Action): boolean {
    const status = this.measure.value()?.status;
    return action === 'reject' || (action === 'cancel' && (status === 'approved' || status === 'running'));
  }

  protected lineLabel(key: string): string {
    return this.programme.value()?.budgetLines.find((l) => l.key === key)?.label ?? key;
  }

  protected async take(action: Action): Promise<void> {
    if (this.needsComment(action) && !this.comment.trim())
      return this.submission.error.set(this.t('commentRequired'));
    await this.submission.run(async () => {
      try {
        this.measure.value.set(
          await this.workspace.api.post('/api/programme/measures/{measureId}/transitions', {
            path: { measureId: this.measureId() },
            body: {
              action,
              ...(this.comment.trim() ? { comment: this.comment.trim() } : {}),
              deliberateOverCommitment: this.deliberate,
            },
          }),
        );
        this.comment = '';
        this.deliberate = false;
        this.overCommitment.set(null);
      } catch (error) {
        this.overCommitment.set(overCommitmentCells(problemFrom(error)));
        throw error;
      }
    });
  }

  protected overText(cell: OverCommitmentCell): string {
    return this.t('overCommitment', {
      line: this.lineLabel(cell.line),
      year: cell.year,
      budget: this.texts.euros(cell.budget),
      committed: this.texts.euros(cell.committed),
      excess: this.texts.euros(cell.excess),
    });
  }

  protected addExpenditure(): void {
    const first = this.programme.value()?.budgetLines[0]?.key ?? '';
    this.expenditures.update((rows) => [...rows, { year: null, line: first, euros: '' }]);
  }

  protected removeExpenditure(index: number): void {
    this.expenditures.update((rows) => rows.filter((_, i) => i !== index));
  }

  protected async saveExpenditures(): Promise<void> {
    const entries: { year: number; line: string; amountCents: number }[] = [];
    for (const row of this.expenditures()) {
      const year = budgetYear(row.year);
      if (year === null)
        return this.submission.error.set(this.t('badYear', { year: row.year ?? '', ...BUDGET_YEARS }));
      const cents = parseEuros(row.euros);
      if (cents === null)
        return this.submission.error.set(this.t('badAmount', { line: this.lineLabel(row.line), year }));
      entries.push({ year, line: row.line, amountCents: cents });
    }
    await this.submission.run(async () => {
      this.measure.value.set(
        await this.workspace.api.put('/api/programme/measures/{measureId}/expenditures', {
          path: { measureId: this.measureId() },
          body: { entries },
        }),
      );
      this.submission.message.set(this.t('expendituresSaved'));
    });
  }
}
