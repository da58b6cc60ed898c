import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { ChoiceSelect, type SelectChoice } from './choice-select';

/**
 * A labelled select over a list of choices, as the pages' control rows show them: the label's
 * text above the select (the label wraps it, so it names the select without an id). Options
 * written inside (a "none" choice) come first, as with `select[qChoices]`. The host takes no box
 * of its own: the label is the item of the page's row.
 */
@Component({
  selector: 'q-choice-field',
  imports: [ChoiceSelect],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label>
      {{ label() }}
      <select [attr.data-testid]="testId()" [qChoices]="choices()" [(chosen)]="chosen">
        <ng-content />
      </select>
    </label>
  `,
  styles: `
    :host {
      display: contents;
    }
    label {
      display: flex;
      flex-direction: column;
      font-size: 0.9rem;
      gap: 0.25rem;
    }
    select {
      font: inherit;
      padding: 0.3rem;
      min-width: 12rem;
    }
  `,
})
export class ChoiceField<V extends string | null = string | null> {
  /** The label's text, already translated. */
  readonly label = input.required<string>();
  readonly choices = input.required<readonly SelectChoice[]>();
  /** As `select[qChoices]`'s: the chosen option's value, null while nothing is chosen. */
  readonly chosen = model.required<V>();
  /** The select's test id (the browser tests choose options through it). */
  readonly testId = input<string | null>(null);
}
