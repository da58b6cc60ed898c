import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  type AreaImportJob,
  type AreaImportOptions,
  type ParentFrom,
  RegistryApi,
  Session,
  finestLevelOf,
  problemFrom,
} from '@quartier/portal-data-access';
import {
  I18n,
  Notice,
  PageHeading,
  type TranslationKey,
  describeProblem,
  followJob,
  formatFileSize,
  jobActive,
  languageDictionary,
  trimmedText,
} from '@quartier/portal-ui';
import { browserTimeZone, dayIn } from '@quartier/portal-ui/days';
import { featureNumber, importPercent, pollDelayMs } from '../import-progress';
import {
  FEATURE_ERROR_TEXTS_DE,
  FEATURE_ERROR_TEXTS_EN,
  FILE_PROBLEM_TEXTS_DE,
  FILE_PROBLEM_TEXTS_EN,
  type FeatureErrorView,
  featureErrorSentence,
  fileProblemSentence,
} from './feature-errors';

/** More errors than this help no one on screen; the count still says how many there are. */
const SHOWN_ERRORS = 200;

/** Admin page: upload a GeoJSON file of one level's areas and follow the import job to its end. */
@Component({
  selector: 'q-area-import',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    Notice,
    PageHeading,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './area-import.html',
  styleUrl: './area-import.scss',
})
export class AreaImport {
  private readonly api = inject(RegistryApi);
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  protected readonly t = this.i18n.t;
  protected readonly formatNumber = this.i18n.formatNumber;
  protected readonly levels = this.session.levels;

  protected readonly file = signal<File | null>(null);
  protected readonly fileMissing = signal(false);
  protected readonly fileLabel = computed(() => {
    const file = this.file();
    return file
      ? this.t('import.fileSelected', {
          name: file.name,
          size: formatFileSize(file.size, this.i18n.locale()),
        })
      : null;
  });
  protected readonly job = signal<AreaImportJob | null>(null);
  protected readonly submitting = signal(false);
  protected readonly requestError = signal<string | null>(null);
  protected readonly running = computed(() => {
    const job = this.job();
    return this.submitting() || (job !== null && jobActive(job.status));
  });
  protected readonly percent = computed(() => {
    const job = this.job();
    return job ? importPercent(job) : null;
  });
  protected readonly shownErrors = computed(() => this.job()?.errors.slice(0, SHOWN_ERRORS) ?? []);
  protected readonly featureNumber = featureNumber;
  private readonly featureErrorTexts = languageDictionary(FEATURE_ERROR_TEXTS_DE, FEATURE_ERROR_TEXTS_EN);
  private readonly fileProblemTexts = languageDictionary(FILE_PROBLEM_TEXTS_DE, FILE_PROBLEM_TEXTS_EN);

  protected readonly form = new FormGroup({
    level: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    codeProperty: new FormControl('id', { nonNullable: true, validators: [trimmedText()] }),
    nameProperty: new FormControl('name', { nonNullable: true, validators: [trimmedText()] }),
    parentFrom: new FormControl<ParentFrom>('code-prefix', { nonNullable: true }),
    parentProperty: new FormControl('', { nonNullable: true }),
    populationProperty: new FormControl('', { nonNullable: true }),
    // Area versions take over on the platform's calendar days (the registry's clock), so the
    // default is today there, not the browser's day (the browser's zone only until /me is in).
    validFrom: new FormControl(this.today(), { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly parentFrom = signal<ParentFrom>('code-prefix');

  /** Following the running import; a new import or leaving the page stops it. */
  private following: AbortController | null = null;

  private today(): string {
    return dayIn(new Date(), this.session.me()?.timeZone ?? browserTimeZone());
  }

  constructor() {
    void this.session.load();
    inject(DestroyRef).onDestroy(() => this.stopPolling());
    // Default to the finest level: re-importing Planungsräume is the common case.
    effect(() => {
      const finest = finestLevelOf(this.levels());
      if (finest && this.form.controls.level.value === '') this.form.controls.level.setValue(finest);
    });
    // Once the session says the platform's zone, today is its day — unless one was chosen.
    effect(() => {
      const validFrom = this.form.controls.validFrom;
      if (this.session.me() && validFrom.pristine) validFrom.setValue(this.today());
    });
    this.form.controls.parentFrom.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => {
      this.parentFrom.set(value);
      const parentProperty = this.form.controls.parentProperty;
      parentProperty.setValidators(value === 'property' ? [trimmedText()] : []);
      parentProperty.updateValueAndValidity();
    });
  }

  protected statusText(job: AreaImportJob): string {
    return this.t(`import.status.${job.status}` as TranslationKey);
  }

  /** Why a feature was refused, in the reader's language by the registry's code. */
  protected featureError(error: FeatureErrorView): string {
    return featureErrorSentence(error, this.featureErrorTexts());
  }

  /** Why the whole file was refused (not JSON, no FeatureCollection, no features). */
  protected fileProblem(problem: string): string {
    return fileProblemSentence(problem, this.fileProblemTexts());
  }

  protected onFileChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.fileMissing.set(false);
  }

  protected async start(): Promise<void> {
    const file = this.file();
    this.fileMissing.set(file === null);
    if (this.form.invalid || file === null) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const options: AreaImportOptions = {
      level: value.level,
      codeProperty: value.codeProperty.trim(),
      nameProperty: value.nameProperty.trim(),
      parentFrom: value.parentFrom,
      parentProperty: value.parentFrom === 'property' ? value.parentProperty.trim() : undefined,
      populationProperty: value.populationProperty.trim() || undefined,
      validFrom: value.validFrom,
    };
    this.stopPolling();
    this.job.set(null);
    this.requestError.set(null);
    this.submitting.set(true);
    let job: AreaImportJob;
    try {
      job = await this.api.startAreaImport(file, options);
      this.job.set(job);
    } catch (error) {
      this.requestError.set(describeProblem(problemFrom(error), this.t));
      return;
    } finally {
      this.submitting.set(false);
    }
    const following = (this.following = new AbortController());
    try {
      await followJob(job, (j) => this.api.areaImport(j.id), {
        delay: pollDelayMs,
        seen: (j) => this.job.set(j),
        stop: following.signal,
      });
    } catch (error) {
      if (!following.signal.aborted) this.requestError.set(describeProblem(problemFrom(error), this.t));
    }
  }

  private stopPolling(): void {
    this.following?.abort();
    this.following = null;
  }
}
