import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { Session } from '@quartier/portal-data-access';
import { ScrollRegion, followJob, progressPercent } from '@quartier/portal-ui';
import { IndicatorApi, type ImportFormat, type ImportJob, type SavedMapping } from '../indicator-api';
import { IndicatorTexts } from '../texts';
import { IMPORT_FORMAT_KEYS, IMPORT_FORMATS } from './import-formats';
import { type RowErrorView, rowErrorText } from './row-errors';

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
  protected readonly formats = IMPORT_FORMATS;
  protected readonly formatKeys = IMPORT_FORMAT_KEYS;
  protected readonly format = signal<ImportFormat>('csv');
  protected readonly file = signal<File | null>(null);
  protected readonly job = signal<ImportJob | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly progressPercent = progressPercent;
  protected readonly allowed = this.session.hasRole('tenant-admin', 'analyst', 'platform-admin');
  /** SDMX-CSV and JSON-stat: which dimension is area, period, indicator; the others fixed. */
  protected readonly mapping = signal('');
  /** Where the file comes from: its mapping is saved under this name once it imported. */
  protected readonly source = signal('');
  protected readonly saved = signal<SavedMapping[]>([]);
  protected readonly mappable = computed(() => this.format() === 'sdmx-csv' || this.format() === 'json-stat');
  protected readonly sources = computed(() => this.saved().filter((m) => m.format === this.format()));
  /** Aborted when the page goes: no more questions about the job. */
  private readonly gone = new AbortController();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.gone.abort());
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

  /** A bad row in the reader's language, by the reason the service gives. */
  protected rowError(error: RowErrorView): string {
    const { key, params } = rowErrorText(error);
    return this.t(key, params);
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
    let job: ImportJob;
    try {
      job = this.mappable()
        ? await this.api.startImport(file, this.format(), file.name, this.mapping(), this.source())
        : await this.api.startImport(file, this.format(), file.name);
      this.job.set(job);
    } catch (error) {
      this.busy.set(false);
      this.failure.set(this.texts.problem(error));
      return;
    }
    try {
      const ended = await followJob(job, (j) => this.api.importJob(j.id), {
        delay: () => 500,
        seen: (j) => this.job.set(j),
        stop: this.gone.signal,
      });
      if (ended === null) return;
      this.busy.set(false);
      if (ended.status === 'succeeded' && this.mappable() && this.source().trim() !== '')
        void this.loadMappings();
    } catch (error) {
      this.busy.set(false);
      this.failure.set(this.texts.problem(error));
    }
  }
}
