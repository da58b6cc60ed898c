import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { NAME_MAX_LENGTH } from '@quartier/contracts/browser';
import {
  type AreaDetail as AreaDetailModel,
  type AreaLevel,
  type AreaSummary,
  RegistryApi,
  levelName,
  problemFrom,
} from '@quartier/portal-data-access';
import {
  CreateReportLink,
  I18n,
  KEEP_FOCUS_STATE,
  Notice,
  Submission,
  describeProblem,
  trimmedText,
} from '@quartier/portal-ui';
import { AreaProfile } from '../area-profile/area-profile';
import { squareKilometres } from '../geometry';
import { parsePopulation } from '../population-input';

/**
 * Detail of one area: position in the hierarchy, key figures, the edit form where allowed, and
 * what the other services know about it (indicators, index classes, surveys, actors).
 */
@Component({
  selector: 'q-area-detail',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    Notice,
    CreateReportLink,
    AreaProfile,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './area-detail.html',
  styleUrl: './area-detail.scss',
})
export class AreaDetail {
  private readonly api = inject(RegistryApi);
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly nameMax = NAME_MAX_LENGTH;
  protected readonly formatNumber = this.i18n.formatNumber;
  protected readonly formatDate = this.i18n.formatDate;
  protected readonly keepFocus = KEEP_FOCUS_STATE;

  readonly area = input.required<AreaDetailModel>();
  readonly levels = input.required<readonly AreaLevel[]>();
  readonly mapLevel = input<string | null>(null);
  readonly saved = output<AreaSummary>();

  protected readonly editing = signal(false);
  /** Saving the changes: busy while they are sent, the failure in the reader's words. */
  protected readonly saving = new Submission((error) => describeProblem(problemFrom(error), this.t));
  protected readonly savedMessage = signal<string | null>(null);
  protected readonly levelName = computed(() => levelName(this.levels(), this.area().level));
  protected readonly areaKm2 = computed(() => {
    const sqm = this.area().areaSqm;
    return sqm === null ? null : squareKilometres(sqm);
  });

  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [trimmedText({ max: NAME_MAX_LENGTH })],
    }),
    population: new FormControl('', {
      nonNullable: true,
      validators: [(control) => (parsePopulation(String(control.value)).ok ? null : { population: true })],
    }),
  });

  private readonly editButton = viewChild('editButton', { read: ElementRef<HTMLButtonElement> });
  private readonly nameInput = viewChild('nameInput', { read: ElementRef<HTMLInputElement> });

  protected startEditing(): void {
    const area = this.area();
    this.form.reset({ name: area.name, population: area.population === null ? '' : String(area.population) });
    this.saving.error.set(null);
    this.savedMessage.set(null);
    this.editing.set(true);
    afterNextRender(() => this.nameInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancel(): void {
    this.editing.set(false);
    this.restoreFocus();
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const area = this.area();
    const { name, population } = this.form.getRawValue();
    const parsed = parsePopulation(population);
    if (!parsed.ok) return;
    await this.saving.run(async () => {
      const updated = await this.api.updateArea(area.id, { name: name.trim(), population: parsed.value });
      this.editing.set(false);
      this.savedMessage.set(this.t('areas.saved', { name: updated.name }));
      this.saved.emit(updated);
      this.restoreFocus();
    });
  }

  private restoreFocus(): void {
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }
}
