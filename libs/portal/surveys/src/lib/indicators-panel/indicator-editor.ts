import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ChoiceSelect, I18n } from '@quartier/portal-ui';
import type { IndicatorItem, IndicatorMeasure } from '../survey-api';
import {
  cleanItem,
  draftProblems,
  type IndicatorField,
  type IndicatorQuestion,
  labelIn,
} from './indicator-items';
import { IndicatorTexts } from './indicator-texts';

/**
 * One indicator item, new or changed: its code and name, the question it publishes, and the
 * measure — a share of chosen answers, the top-2 of a Likert item, or a number's mean. Only the
 * questions and measures the service accepts are offered; what would still be refused is said at
 * the field once the user tries to save, and so are the fields the service refused (`refused`).
 */
@Component({
  selector: 'q-indicator-editor',
  imports: [FormsModule, ChoiceSelect],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="editor" (ngSubmit)="submit()" novalidate data-testid="indicator-editor">
      <h3>{{ item() ? t('editing', { code: item()?.code ?? '' }) : t('adding') }}</h3>
      <label for="indicator-code">{{ t('code') }}</label>
      <div class="field">
        <input
          id="indicator-code"
          name="code"
          autocomplete="off"
          [ngModel]="code()"
          (ngModelChange)="code.set($event)"
          [attr.aria-invalid]="problem('code') ? true : null"
          aria-describedby="indicator-code-hint indicator-code-problem"
        />
        <span id="indicator-code-hint" class="note">{{ t('codeHint') }}</span>
        <span id="indicator-code-problem" class="problem">{{ problem('code') }}</span>
      </div>
      <label for="indicator-name">{{ t('name') }}</label>
      <div class="field">
        <input
          id="indicator-name"
          name="name"
          [ngModel]="name()"
          (ngModelChange)="name.set($event)"
          [attr.aria-invalid]="problem('name') ? true : null"
          aria-describedby="indicator-name-problem"
        />
        <span id="indicator-name-problem" class="problem">{{ problem('name') }}</span>
      </div>
      <label for="indicator-question">{{ t('question') }}</label>
      <div class="field">
        <select
          id="indicator-question"
          [qChoices]="questionChoices()"
          [(chosen)]="question"
          aria-describedby="indicator-question-problem"
        ></select>
        <span id="indicator-question-problem" class="problem">{{ problem('question') }}</span>
      </div>
      <label for="indicator-measure">{{ t('measure') }}</label>
      <div class="field">
        <select
          id="indicator-measure"
          [qChoices]="measureChoices()"
          [(chosen)]="measure"
          aria-describedby="indicator-measure-problem"
        ></select>
        <span id="indicator-measure-problem" class="problem">{{ problem('measure') }}</span>
      </div>
      @if (measure() === 'share') {
        <fieldset class="options" aria-describedby="indicator-options-problem">
          <legend>{{ t('options') }}</legend>
          @for (choice of chosenQuestion()?.choices ?? []; track choice.name) {
            <div class="check">
              <input
                type="checkbox"
                [id]="'indicator-option-' + $index"
                [checked]="options().includes(choice.name)"
                (change)="toggle(choice.name)"
              />
              <label [for]="'indicator-option-' + $index">{{ choiceText(choice) }}</label>
            </div>
          }
          <span id="indicator-options-problem" class="problem">{{ problem('options') }}</span>
        </fieldset>
      }
      <div class="actions">
        <button type="submit" [disabled]="busy()" data-testid="save-indicator">{{ t('save') }}</button>
        <button type="button" class="secondary" (click)="cancelled.emit()">{{ t('cancel') }}</button>
      </div>
    </form>
  `,
  styleUrls: ['../panel-controls.css', '../panel-buttons.css'],
  styles: `
    .editor {
      display: grid;
      grid-template-columns: max-content minmax(12rem, 32rem);
      gap: 0.5rem 0.75rem;
      align-items: start;
      margin: 1rem 0;
      padding: 0.75rem 1rem;
      border: 1px solid #d0d7de;
      border-radius: 6px;
    }
    h3,
    .options,
    .actions {
      grid-column: 1 / -1;
    }
    h3 {
      font-size: 1.05rem;
      margin: 0;
    }
    label {
      padding-top: 0.375rem;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    input:not([type='checkbox']),
    select {
      font: inherit;
      padding: 0.25rem 0.5rem;
      min-height: 2.25rem;
    }
    .check {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    .check label {
      padding: 0;
    }
    .problem {
      color: #8a1c14;
    }
    .problem:empty {
      display: none;
    }
  `,
})
export class IndicatorEditor {
  private readonly i18n = inject(I18n);
  private readonly texts = inject(IndicatorTexts);
  protected readonly t = this.texts.t;

  /** The item changed; null: a new one. */
  readonly item = input<IndicatorItem | null>(null);
  readonly questions = input.required<readonly IndicatorQuestion[]>();
  /** The other items' codes (a code may be used once). */
  readonly takenCodes = input<readonly string[]>([]);
  /** Fields of this item the service refused on the last save. */
  readonly refused = input<readonly IndicatorField[]>([]);
  readonly busy = input(false);
  readonly saved = output<IndicatorItem>();
  readonly cancelled = output<void>();

  protected readonly code = linkedSignal(() => this.item()?.code ?? '');
  protected readonly name = linkedSignal(() => this.item()?.name ?? '');
  protected readonly question = linkedSignal<string | null>(
    () => this.item()?.question ?? this.questions()[0]?.name ?? null,
  );
  protected readonly chosenQuestion = computed(() =>
    this.questions().find((q) => q.name === this.question()),
  );
  /** The item's own measure on its own question; else the one chosen, while the question allows it. */
  protected readonly measure = linkedSignal<
    { item: IndicatorItem | null; question: IndicatorQuestion | undefined },
    IndicatorMeasure | null
  >({
    source: () => ({ item: this.item(), question: this.chosenQuestion() }),
    computation: ({ item, question }, previous) => {
      const allowed = question?.measures ?? [];
      if (item && item.question === question?.name && allowed.includes(item.measure)) return item.measure;
      if (previous?.value && allowed.includes(previous.value)) return previous.value;
      return allowed[0] ?? null;
    },
  });
  /** The answers counted: the item's own on its own question, none on another one. */
  protected readonly options = linkedSignal({
    source: () => ({ item: this.item(), question: this.question() }),
    computation: ({ item, question }) => (item && item.question === question ? item.options : []),
  });
  private readonly submitted = signal(false);

  protected readonly questionChoices = computed(() =>
    this.questions().map((q) => ({
      value: q.name,
      label: `${labelIn(q.label, this.i18n.language(), q.name)} (${q.name})`,
    })),
  );
  protected readonly measureChoices = computed(() =>
    (this.chosenQuestion()?.measures ?? []).map((m) => ({ value: m, label: this.texts.tk('measure', m) })),
  );

  private readonly draft = computed<IndicatorItem>(() => ({
    code: this.code().trim(),
    name: this.name(),
    question: this.question() ?? '',
    measure: this.measure() ?? 'share',
    options: this.options(),
  }));
  private readonly problems = computed(() =>
    draftProblems(this.draft(), this.questions(), this.takenCodes()),
  );

  constructor() {
    // The form opens on a button press: the keyboard goes on in its first field.
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    afterNextRender(() => host.querySelector<HTMLInputElement>('#indicator-code')?.focus());
  }

  /** What is wrong with a field: the portal's check once the user tried to save, else the service's refusal. */
  protected problem(field: IndicatorField): string {
    const own = this.submitted() ? this.problems()[field] : undefined;
    if (own) return this.t(`problem.${own}`);
    return this.refused().includes(field) ? this.t('problem.refused') : '';
  }

  protected choiceText(choice: IndicatorQuestion['choices'][number]): string {
    return `${labelIn(choice.label, this.i18n.language(), choice.name)} (${choice.name})`;
  }

  /** Chooses or drops an answer; the chosen ones stay in the choice list's order. */
  protected toggle(option: string): void {
    const chosen = new Set(this.options());
    if (!chosen.delete(option)) chosen.add(option);
    const choices = this.chosenQuestion()?.choices ?? [];
    this.options.set(choices.filter((c) => chosen.has(c.name)).map((c) => c.name));
  }

  protected submit(): void {
    this.submitted.set(true);
    if (Object.keys(this.problems()).length === 0) this.saved.emit(cleanItem(this.draft()));
  }
}
