import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';

export interface SelectChoice {
  readonly value: string;
  /** The option's text, already translated. */
  readonly label: string;
}

/**
 * A select's options from a list, the chosen one selected. Options the page writes inside (a
 * "none" choice) come first. Each option carries `[selected]` rather than the select a `[value]`:
 * the options are created after the select's value would be set, and the browser then shows the
 * first option while the page works with another (Welle 1 shown over Welle 2's figures).
 */
@Component({
  selector: 'select[qChoices]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(change)': 'choose($event)' },
  template: `
    <ng-content />
    @for (choice of qChoices(); track choice.value) {
      <option [value]="choice.value" [selected]="choice.value === chosen()">{{ choice.label }}</option>
    }
  `,
})
export class ChoiceSelect<V extends string | null = string | null> {
  readonly qChoices = input.required<readonly SelectChoice[]>();
  /**
   * The chosen option's value; a written-in option's value ('' for "none") when that is chosen.
   * Null (or any value no option has) while nothing is chosen.
   */
  readonly chosen = model.required<V>();

  protected choose(event: Event): void {
    // Every option's value is a string, which V (string, or string | null) always admits.
    this.chosen.set((event.target as HTMLSelectElement).value as V);
  }
}
