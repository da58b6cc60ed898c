import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { ProgrammeSchemas } from '@quartier/portal-data-access';
import { ConfirmedSubmission, SubmissionNotices, TableDownload, type TableRows } from '@quartier/portal-ui';
import { CLASS_COLORS, type MapArea, ProgrammeMap } from '../area-map/area-map';
import { parseEuros } from '../money';
import { type Programme, ProgrammeWorkspace } from '../programme-workspace';
import { ProgrammeTexts } from '../texts';

type AllocationRequest = ProgrammeSchemas['AllocationDto'];
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
    return `verteilung-${this.programme().name}-${this.lineLabel(this.line)}-${this.year ?? ''}`;
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

  private request(): AllocationRequest | null {
    const amount = (text: string, label: string): number | null | undefined => {
      if (text.trim() === '') return undefined;
      const cents = parseEuros(text);
      if (cents === null) throw new Error(`${label}: ${text}`);
      return cents;
    };
    if (!this.line || !this.year) return null;
    const need: AllocationRequest['need'] =
      this.needSource === 'index'
        ? { source: 'index', runId: this.runId, index: 'status' }
        : this.needSource === 'indicator'
          ? { source: 'indicator', indicatorCode: this.indicatorCode.trim(), weighting: this.weighting }
          : { source: 'population' };
    return {
      line: this.line,
      year: Number(this.year),
      budgetCents: amount(this.budgetEuros, this.t('budgetAmount')) ?? undefined,
      floorCents: amount(this.floorEuros, this.t('floor')) ?? 0,
      capCents: amount(this.capEuros, this.t('cap')) ?? null,
      unitCents: Number(this.unitCents),
      need,
      comment: this.comment.trim(),
    };
  }
}
