import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';

export interface RadioChoice<V extends string = string> {
  readonly value: V;
  /** The choice's text, already translated. */
  readonly label: string;
}

/**
 * A fieldset of radio buttons side by side: the legend names the question, each choice is a
 * label around its radio button, and what the page adds inside (a hint) follows the choices.
 */
@Component({
  selector: 'fieldset[qRadioGroup]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <legend>{{ legend() }}</legend>
    <div class="choices">
      @for (choice of choices(); track choice.value) {
        <label>
          <input
            type="radio"
            [name]="name()"
            [value]="choice.value"
            [checked]="choice.value === value()"
            (change)="value.set(choice.value)"
          />
          {{ choice.label }}
        </label>
      }
    </div>
    <ng-content />
  `,
  styleUrl: './radio-group.scss',
})
export class RadioGroup<V extends string> {
  readonly legend = input.required<string>();
  /** The radio buttons' shared name (one group within the form). */
  readonly name = input.required<string>();
  readonly choices = input.required<readonly RadioChoice<V>[]>();
  readonly value = model.required<V>();
}
