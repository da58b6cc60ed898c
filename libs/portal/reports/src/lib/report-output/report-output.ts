import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  model,
  type WritableSignal,
} from '@angular/core';
import { ChoiceSelect, type SelectChoice } from '@quartier/portal-ui';
import type { ReportFormat, ReportLanguage } from '../report-request';
import { ReportsTexts } from '../texts';

type OutputKey = 'format' | 'language';

/**
 * The format and the language a report is made in, as two selects side by side: in the request
 * form each under its label, in a job's "make again as" row (which names them already) with the
 * labels for screen readers only. The host adds no box of its own, so the selects line up with
 * the row around them.
 */
@Component({
  selector: 'q-report-output',
  imports: [ChoiceSelect],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    @for (field of fields(); track field.id) {
      <div class="field">
        <label [class.visually-hidden]="hiddenLabels()" [for]="field.id">{{ field.label }}</label>
        <select [id]="field.id" [qChoices]="field.choices" [(chosen)]="field.chosen"></select>
      </div>
    }
  `,
  styleUrl: '../reports.scss',
})
export class ReportOutput {
  private readonly texts = inject(ReportsTexts);
  protected readonly t = this.texts.t;
  readonly format = model.required<ReportFormat>();
  readonly language = model.required<ReportLanguage>();
  /** The selects' ids are `<idPrefix>-format` and `<idPrefix>-language`, unique on the page. */
  readonly idPrefix = input.required<string>();
  readonly hiddenLabels = input(false);

  protected readonly fields = computed(() => [
    this.field('format', this.texts.formatChoices(), this.format),
    this.field('language', this.texts.languageChoices(), this.language),
  ]);

  private field(key: OutputKey, choices: readonly SelectChoice[], chosen: WritableSignal<string>) {
    return { id: `${this.idPrefix()}-${key}`, label: this.t(key), choices, chosen };
  }
}
