import { ChangeDetectionStrategy, Component, computed, inject, model, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type AreaSummary, RegistryApi, Session, levelName } from '@quartier/portal-data-access';
import { I18n } from '@quartier/portal-ui';
import { AREA_SEARCH_LENGTH } from '@quartier/contracts/browser';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { areaSearchText } from './area-search';

/** Finds an area by name or code (`?q=`) — a city has hundreds, too many for a plain select. */
@Component({
  selector: 'q-area-picker',
  imports: [ReactiveFormsModule, MatAutocompleteModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" class="picker">
      <mat-label>{{ t('roles.areaPicker') }}</mat-label>
      <input
        matInput
        [formControl]="query"
        [matAutocomplete]="auto"
        autocomplete="off"
        [maxlength]="searchMax"
      />
      <mat-hint>{{ selectedHint() ?? t('roles.areaPickerHint') }}</mat-hint>
      @if (selected()) {
        <button mat-button matSuffix type="button" (click)="clear()" [attr.aria-label]="t('roles.areaClear')">
          ✕
        </button>
      }
      <mat-autocomplete #auto="matAutocomplete" [displayWith]="displayName" (optionSelected)="choose($event)">
        @for (area of results(); track area.id) {
          <mat-option [value]="area">
            {{ area.name }} <small>({{ levelName(area.level) }} {{ area.code }})</small>
          </mat-option>
        }
      </mat-autocomplete>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .picker {
      width: 100%;
    }
  `,
})
export class AreaPicker {
  private readonly api = inject(RegistryApi);
  private readonly session = inject(Session);
  protected readonly t = inject(I18n).t;
  protected readonly searchMax = AREA_SEARCH_LENGTH.max;

  readonly selected = model<AreaSummary | null>(null);
  protected readonly query = new FormControl<string | AreaSummary>('', { nonNullable: true });
  protected readonly results = signal<readonly AreaSummary[]>([]);
  protected readonly selectedHint = computed(() => {
    const area = this.selected();
    return area ? `${this.levelName(area.level)} ${area.code}` : null;
  });
  private requestNumber = 0;

  constructor() {
    this.query.valueChanges
      .pipe(debounceTime(250), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((value) => {
        if (typeof value !== 'string') return;
        if (this.selected() && value !== this.selected()?.name) this.selected.set(null);
        void this.search(areaSearchText(value));
      });
  }

  protected readonly displayName = (value: AreaSummary | string | null): string =>
    typeof value === 'string' ? value : (value?.name ?? '');

  protected levelName(key: string): string {
    return levelName(this.session.levels(), key);
  }

  protected choose(event: MatAutocompleteSelectedEvent): void {
    this.selected.set(event.option.value as AreaSummary);
  }

  protected clear(): void {
    this.selected.set(null);
    this.query.setValue('');
    this.results.set([]);
  }

  /** Clears the field from outside (after a successful submit). */
  reset(): void {
    this.clear();
  }

  private async search(text: string | null): Promise<void> {
    const request = ++this.requestNumber;
    if (text === null) {
      this.results.set([]);
      return;
    }
    try {
      const page = await this.api.areas({ q: text, limit: 20 });
      // Answers can overtake each other; only the latest query's results count.
      if (request === this.requestNumber) this.results.set(page.items);
    } catch {
      if (request === this.requestNumber) this.results.set([]);
    }
  }
}
