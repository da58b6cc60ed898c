import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ConfirmedSubmission, I18n, SubmissionNotices } from '@quartier/portal-ui';
import { BUDGET_YEARS } from '@quartier/contracts/browser';
import { budgetYear, eurosInput, parseEuros } from '../money';
import { type Programme, ProgrammeWorkspace } from '../programme-workspace';
import { ProgrammeTexts } from '../texts';

/** The programme budget as an editable year × budget line table (euros in, cents to the service). */
@Component({
  selector: 'q-budget-panel',
  imports: [FormsModule, SubmissionNotices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form (ngSubmit)="save()">
      <table class="table" data-testid="budget-editor">
        <caption>
          {{
            t('budgetTable')
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ t('year') }}</th>
            @for (line of programme().budgetLines; track line.key) {
              <th scope="col" class="num">{{ line.label }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (year of years(); track year) {
            <tr>
              <th scope="row">{{ year }}</th>
              @for (line of programme().budgetLines; track line.key) {
                <td class="num">
                  <input
                    class="amount"
                    inputmode="decimal"
                    [attr.aria-label]="t('amountFor', { line: line.label, year })"
                    [name]="year + '-' + line.key"
                    [disabled]="!programme().manageable"
                    [ngModel]="cells()[year + '|' + line.key] ?? ''"
                    (ngModelChange)="setCell(year, line.key, $event)"
                  />
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
      @if (programme().manageable) {
        <div class="row">
          <div class="field">
            <label for="new-year">{{ t('year') }}</label>
            <input
              id="new-year"
              name="newYear"
              type="number"
              [attr.min]="yearBounds.min"
              [attr.max]="yearBounds.max"
              [(ngModel)]="newYear"
            />
          </div>
          <button type="button" (click)="addYear()">{{ t('addYear') }}</button>
          <button type="submit" [disabled]="busy()">{{ t('saveBudget') }}</button>
        </div>
      }
    </form>
    <q-submission-notices [submission]="submission" />
  `,
  styleUrl: '../programme.scss',
  styles: `
    .amount {
      width: 9rem;
      text-align: right;
    }
  `,
})
export class BudgetPanel {
  private readonly workspace = inject(ProgrammeWorkspace);
  private readonly i18n = inject(I18n);
  protected readonly t = inject(ProgrammeTexts).t;
  readonly programme = input.required<Programme>();

  private readonly budget = this.workspace.part(this.programme, 'budget');
  /** Cell texts by `year|line`, as typed. */
  protected readonly cells = signal<Record<string, string>>({});
  private readonly extraYears = signal<number[]>([]);
  protected readonly years = computed(() => {
    const fromCells = Object.keys(this.cells()).map((k) => Number(k.split('|')[0]));
    const fromPeriods = this.programme().fundingPeriods.map((p) => Number(p.from.slice(0, 4)));
    return [
      ...new Set([...fromCells, ...this.extraYears(), ...(fromCells.length === 0 ? fromPeriods : [])]),
    ].sort();
  });
  protected newYear: number | null = null;
  protected readonly yearBounds = BUDGET_YEARS;
  protected readonly submission = new ConfirmedSubmission(this.workspace.problem);
  protected readonly busy = this.submission.busy;

  constructor() {
    effect(() => {
      const entries = this.budget.value()?.entries ?? [];
      const locale = this.i18n.locale();
      this.cells.set(
        Object.fromEntries(entries.map((e) => [`${e.year}|${e.line}`, eurosInput(e.amountCents, locale)])),
      );
    });
  }

  protected setCell(year: number, line: string, text: string): void {
    this.cells.update((cells) => ({ ...cells, [`${year}|${line}`]: text }));
  }

  protected addYear(): void {
    const year = budgetYear(this.newYear);
    if (year === null)
      return this.submission.error.set(this.t('badYear', { year: this.newYear ?? '', ...BUDGET_YEARS }));
    this.submission.error.set(null);
    this.extraYears.update((years) => [...years, year]);
    this.newYear = null;
  }

  protected async save(): Promise<void> {
    const labels = new Map(this.programme().budgetLines.map((l) => [l.key, l.label]));
    const entries: { year: number; line: string; amountCents: number }[] = [];
    for (const [key, text] of Object.entries(this.cells())) {
      if (text.trim() === '') continue;
      const [year, line] = key.split('|');
      const cents = parseEuros(text);
      if (cents === null)
        return this.submission.error.set(this.t('badAmount', { line: labels.get(line) ?? line, year }));
      entries.push({ year: Number(year), line, amountCents: cents });
    }
    await this.submission.run(async () => {
      this.budget.value.set(
        await this.workspace.api.put('/api/programme/programmes/{programmeId}/budget', {
          path: { programmeId: this.programme().id },
          body: { entries },
        }),
      );
      this.submission.message.set(this.t('budgetSaved'));
      this.workspace.programme.reload();
    });
  }
}
