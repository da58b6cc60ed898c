import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { BUDGET_YEARS } from '@quartier/contracts/browser';
import type { ProgrammeSchemas } from '@quartier/portal-data-access';
import { ConfirmedSubmission, SubmissionNotices, TableDownload, type TableRows } from '@quartier/portal-ui';
import { CLASS_COLORS, type MapArea, ProgrammeMap } from '../area-map/area-map';
import { type Programme, ProgrammeWorkspace } from '../programme-workspace';
import { ProgrammeTexts } from '../texts';
import {
  type AllocationProblem,
  type AllocationRequest,
  allocationRequest,
  INDICATOR_CODE_MAX_LENGTH,
} from './allocation-request';

type AllocationPreview = ProgrammeSchemas['AllocationPreviewDto_Output'];

/**
 * The allocation wizard: line, year, budget, floor, cap, rounding unit and the need's source;
 * a preview on the map and a table explaining each area's amount; accept; the stored versions.
 */
@Component({
  selector: 'q-allocation-panel',
  imports: [FormsModule, SubmissionNotices, ProgrammeMap, TableDownload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './allocation-panel.html',
  styleUrl: '../programme.scss',
})
export class AllocationPanel {
  private readonly workspace = inject(ProgrammeWorkspace);
  protected readonly texts = inject(ProgrammeTexts);
  protected readonly t = this.texts.t;
  readonly programme = input.required<Programme>();

  private readonly path = computed(() => ({ path: { programmeId: this.programme().id } }));
  protected readonly history = this.workspace.part(this.programme, 'allocations');
  protected readonly runs = this.workspace.part(this.programme, 'index-runs');

  protected line = '';
  protected year: number | null = null;
  protected budgetEuros = '';
  protected floorEuros = '0';
  protected capEuros = '';
  protected unitCents = 100;
  protected needSource: 'index' | 'indicator' | 'population' = 'index';
  protected runId = '';
  protected indicatorCode = '';
  protected weighting: 'value' | 'count' = 'value';
  protected comment = '';
  protected readonly units = [1, 100, 10000];
  protected readonly yearBounds = BUDGET_YEARS;
  protected readonly indicatorCodeMax = INDICATOR_CODE_MAX_LENGTH;

  protected readonly preview = signal<AllocationPreview | null>(null);
  protected readonly submission = new ConfirmedSubmission(this.workspace.problem);
  protected readonly busy = this.submission.busy;

  protected readonly geometry = this.workspace.geometryOf(
    () => this.preview()?.areas.map((a) => a.areaId) ?? [],
  );
  protected readonly mapAreas = computed(() => {
    const preview = this.preview();
    const out = new Map<string, MapArea>();
    if (!preview) return out;
    const max = Math.max(1, ...preview.areas.map((a) => a.amount));
    for (const a of preview.areas)
      out.set(a.areaId, {
        color:
          CLASS_COLORS[
            Math.min(CLASS_COLORS.length - 1, Math.floor((a.amount / max) * (CLASS_COLORS.length - 0.001)))
          ],
        text: this.texts.euros(a.amount),
      });
    return out;
  });

  /** The preview's table as shown, for its CSV/XLSX download (share in %, amounts in euros, as numbers). */
  protected readonly allocationRows = computed<TableRows>(() => [
    [
      this.t('area'),
      this.t('basis'),
      this.t('needCol'),
      `${this.t('share')} (%)`,
      this.t('bound'),
      `${this.t('amount')} (€)`,
    ],
    ...(this.preview()?.areas ?? []).map((a) => [
      `${a.area} ${a.name}`,
      a.basis,
      a.need,
      a.needShare * 100,
      this.texts.tk('bound', a.bound ?? 'none'),
      a.amount / 100,
    ]),
  ]);

  protected allocationFileName(): string {
    return `${this.t('fileAllocation')}-${this.programme().name}-${this.lineLabel(this.line)}-${this.year ?? ''}`;
  }

  protected lineLabel(key: string): string {
    return this.programme().budgetLines.find((l) => l.key === key)?.label ?? key;
  }

  protected async runPreview(): Promise<void> {
    await this.submission.run(async () => {
      const body = this.request();
      if (body)
        this.preview.set(
          await this.workspace.api.post('/api/programme/programmes/{programmeId}/allocations/preview', {
            ...this.path(),
            body,
          }),
        );
    });
  }

  protected async accept(): Promise<void> {
    await this.submission.run(async () => {
      const body = this.request();
      if (!body) return;
      const accepted = await this.workspace.api.post('/api/programme/programmes/{programmeId}/allocations', {
        ...this.path(),
        body,
      });
      this.submission.message.set(this.t('allocationAccepted', { version: accepted.version }));
      this.history.reload();
    });
  }

  /** The request, or null after saying in the form why the service would refuse it. */
  private request(): AllocationRequest | null {
    const checked = allocationRequest({
      line: this.line,
      year: this.year,
      budgetEuros: this.budgetEuros,
      floorEuros: this.floorEuros,
      capEuros: this.capEuros,
      unitCents: this.unitCents,
      needSource: this.needSource,
      runId: this.runId,
      indicatorCode: this.indicatorCode,
      weighting: this.weighting,
      comment: this.comment,
    });
    if (checked.ok) return checked.request;
    this.submission.error.set(this.problemText(checked.problem));
    return null;
  }

  private problemText(problem: AllocationProblem): string {
    switch (problem.kind) {
      case 'missing':
        return this.t('fieldMissing', { field: this.t(problem.field) });
      case 'badYear':
        return this.t('badYear', { year: this.year ?? '', ...BUDGET_YEARS });
      case 'badAmount':
        return this.t('badAmount', { line: this.t(problem.field), year: this.year ?? '' });
    }
  }
}
