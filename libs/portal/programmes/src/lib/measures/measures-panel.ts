import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Session } from '@quartier/portal-data-access';
import { CreateSection, Loaded, Submission, TableDownload, type TableRows } from '@quartier/portal-ui';
import { BUDGET_YEARS, MEASURE_TEXT_LIMITS } from '@quartier/contracts/browser';
import { measureAreas, type Programme, ProgrammeWorkspace } from '../programme-workspace';
import { ProgrammeTexts } from '../texts';
import { newMeasure, type NewMeasureProblem } from './new-measure';

const STATUSES = ['proposed', 'approved', 'running', 'completed', 'rejected', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

/** Measures with filters (status, field, area, search) as a list or a board by status, and proposing one. */
@Component({
  selector: 'q-measures-panel',
  imports: [FormsModule, CreateSection, Loaded, RouterLink, TableDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './measures-panel.html',
  styleUrl: '../programme.scss',
  styles: `
    .board {
      display: grid;
      grid-template-columns: repeat(6, minmax(9rem, 1fr));
      gap: 0.5rem;
      overflow-x: auto;
    }
    .board ul {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.375rem;
    }
    .board li {
      border: 1px solid #d0d7de;
      border-radius: 4px;
      padding: 0.375rem;
      background: #fff;
    }
    .board h3 {
      font-size: 1rem;
      margin: 0 0 0.375rem;
    }
  `,
})
export class MeasuresPanel {
  private readonly workspace = inject(ProgrammeWorkspace);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly texts = inject(ProgrammeTexts);
  protected readonly t = this.texts.t;
  readonly programme = input.required<Programme>();
  protected readonly statuses = STATUSES;
  protected readonly areasOf = measureAreas;
  protected readonly problem = this.workspace.problem;

  protected readonly status = signal<Status | ''>('');
  protected readonly field = signal('');
  protected readonly areaId = signal('');
  protected readonly q = signal('');
  protected readonly view = signal<'list' | 'board'>('list');

  protected readonly measures = resource({
    params: () => ({
      programmeId: this.programme().id,
      status: this.status() || undefined,
      fieldOfAction: this.field() || undefined,
      areaId: this.areaId() || undefined,
      q: this.q().trim() || undefined,
    }),
    loader: ({ params: { programmeId, ...query } }) =>
      this.workspace.api.get('/api/programme/programmes/{programmeId}/measures', {
        path: { programmeId },
        query: { ...query, limit: 1000 },
      }),
  });
  protected readonly areas = this.workspace.part(this.programme, 'areas');
  protected readonly byStatus = computed(() => {
    const items = this.measures.value()?.items ?? [];
    return STATUSES.map((status) => ({ status, items: items.filter((m) => m.status === status) }));
  });
  /** The list as shown, for its CSV/XLSX download (amounts as euro numbers, not formatted text). */
  protected readonly measureRows = computed<TableRows>(() => [
    [
      this.t('title'),
      this.t('status'),
      this.t('filterField'),
      this.t('areas'),
      `${this.t('budget')} (€)`,
      `${this.t('spent')} (€)`,
    ],
    ...(this.measures.value()?.items ?? []).map((m) => [
      m.title,
      this.texts.tk('measure', m.status),
      this.fieldLabel(m.fieldOfAction),
      this.areasOf(m),
      m.budgetCents / 100,
      m.spentCents / 100,
    ]),
  ]);
  protected readonly canPropose = computed(() =>
    this.session.hasRole('tenant-admin', 'programme-manager', 'planner'),
  );

  protected title = '';
  protected description = '';
  protected fieldOfAction = '';
  protected newAreaId = '';
  protected responsible = '';
  protected targetGroups = '';
  protected plannedStart = '';
  protected plannedEnd = '';
  protected budgetLine = '';
  protected budgetYear: number | null = null;
  protected budgetEuros = '';
  protected readonly yearBounds = BUDGET_YEARS;
  protected readonly textLimits = MEASURE_TEXT_LIMITS;
  private readonly submission = new Submission(this.workspace.problem);
  protected readonly busy = this.submission.busy;
  protected readonly error = this.submission.error;

  protected fieldLabel(key: string | null): string {
    return this.programme().fieldsOfAction.find((f) => f.key === key)?.label ?? key ?? '–';
  }

  protected async propose(): Promise<void> {
    const checked = newMeasure({
      title: this.title,
      description: this.description,
      areaId: this.newAreaId,
      fieldOfAction: this.fieldOfAction,
      responsible: this.responsible,
      targetGroups: this.targetGroups,
      plannedStart: this.plannedStart,
      plannedEnd: this.plannedEnd,
      budgetLine: this.budgetLine,
      budgetYear: this.budgetYear,
      budgetEuros: this.budgetEuros,
    });
    if (!checked.ok) return this.error.set(this.problemText(checked.problem));
    await this.submission.run(async () => {
      const measure = await this.workspace.api.post('/api/programme/programmes/{programmeId}/measures', {
        path: { programmeId: this.programme().id },
        body: checked.body,
      });
      await this.router.navigate(['/programmes', this.programme().id, 'measures', measure.id]);
    });
  }

  private problemText(problem: NewMeasureProblem): string {
    const line =
      this.programme().budgetLines.find((l) => l.key === this.budgetLine)?.label ?? this.budgetLine;
    switch (problem.kind) {
      case 'plannedOrder':
        return this.t('plannedOrder');
      case 'targetGroups':
        return this.t('badTargetGroups', {
          count: this.texts.count(MEASURE_TEXT_LIMITS.targetGroups),
          length: MEASURE_TEXT_LIMITS.targetGroupLength,
        });
      case 'budgetIncomplete':
        return this.t('budgetIncomplete');
      case 'badYear':
        return this.t('badYear', { year: this.budgetYear ?? '', ...BUDGET_YEARS });
      case 'badAmount':
        return this.t('badAmount', { line, year: this.budgetYear ?? '' });
    }
  }
}
