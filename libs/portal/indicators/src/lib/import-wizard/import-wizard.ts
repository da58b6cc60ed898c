import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { Session } from '@quartier/portal-data-access';
import { ScrollRegion } from '@quartier/portal-ui';
import { IndicatorApi, type ImportFormat, type ImportJob, type SavedMapping } from '../indicator-api';
import { IndicatorTexts } from '../texts';

const FORMATS: readonly { key: ImportFormat; label: string; accept: string }[] = [
  { key: 'csv', label: 'CSV (lang oder breit)', accept: '.csv,.txt' },
  { key: 'xlsx', label: 'Excel (XLSX)', accept: '.xlsx' },
  { key: 'sdmx-csv', label: 'SDMX-CSV', accept: '.csv' },
  { key: 'json-stat', label: 'JSON-stat (2.0, 1.x)', accept: '.json' },
  { key: 'dhis2', label: 'DHIS2 dataValueSets (JSON)', accept: '.json' },
];

/** Upload a file, watch its progress, read every bad row (line, column, reason). */
@Component({
  selector: 'q-import-wizard',
  imports: [ScrollRegion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-wizard.html',
  styleUrl: '../panel.scss',
})
export class ImportWizard {
  private readonly api = inject(IndicatorApi);
  private readonly session = inject(Session);
  protected readonly texts = inject(IndicatorTexts);
  protected readonly t = this.texts.t;
  protected readonly formats = FORMATS;
  protected readonly format = signal<ImportFormat>('csv');
  protected readonly file = signal<File | null>(null);
  protected readonly job = signal<ImportJob | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly allowed = this.session.hasRole('tenant-admin', 'analyst', 'platform-admin');
  /** SDMX-CSV and JSON-stat: which dimension is area, period, indicator; the others fixed. */
  protected readonly mapping = signal('');
  /** Where the file comes from: its mapping is saved under this name once it imported. */
  protected readonly source = signal('');
  protected readonly saved = signal<SavedMapping[]>([]);
  protected readonly mappable = computed(() => this.format() === 'sdmx-csv' || this.format() === 'json-stat');
  protected readonly sources = computed(() => this.saved().filter((m) => m.format === this.format()));
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      if (this.timer) clearTimeout(this.timer);
    });
    if (this.allowed) void this.loadMappings();
  }

  private async loadMappings(): Promise<void> {
    try {
      this.saved.set(await this.api.mappings());
    } catch {
      // Without the saved mappings the wizard still works: the person types the mapping.
      this.saved.set([]);
    }
  }

  /** A known source brings its saved mapping along (still editable). */
  protected chooseSource(value: string): void {
    this.source.set(value);
    const known = this.sources().find((m) => m.source === value.trim());
    if (known) this.mapping.set(known.mapping);
  }

  protected chooseFile(input: HTMLInputElement): void {
    this.file.set(input.files?.[0] ?? null);
    this.job.set(null);
    this.failure.set(null);
  }

  protected async start(): Promise<void> {
    const file = this.file();
    if (!file) return;
    this.busy.set(true);
    this.failure.set(null);
    try {
      this.job.set(
        this.mappable()
          ? await this.api.startImport(file, this.format(), file.name, this.mapping(), this.source())
          : await this.api.startImport(file, this.format(), file.name),
      );
      this.poll();
    } catch (error) {
      this.busy.set(false);
      this.failure.set(
        error instanceof HttpErrorResponse ? (error.error?.message ?? error.message) : String(error),
      );
    }
  }

  private poll(): void {
    const job = this.job();
    if (!job) return;
    if (job.status !== 'queued' && job.status !== 'running') {
      this.busy.set(false);
      if (job.status === 'succeeded' && this.mappable() && this.source().trim() !== '')
        void this.loadMappings();
      return;
    }
    this.timer = setTimeout(async () => {
      try {
        this.job.set(await this.api.importJob(job.id));
        this.poll();
      } catch (error) {
        this.busy.set(false);
        this.failure.set(error instanceof Error ? error.message : String(error));
      }
    }, 500);
  }
}
