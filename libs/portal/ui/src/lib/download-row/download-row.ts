import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * The row of download buttons under a map or a table (the buttons are projected), with the
 * notice when a file could not be made. Hidden in print: the printed page shows the map or the
 * table itself.
 */
@Component({
  selector: 'q-download-row',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'no-print', role: 'group', '[attr.aria-label]': 'label()' },
  template: `
    <ng-content />
    @if (failure(); as failure) {
      <span role="alert" class="failed">{{ failure }}</span>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin: 0.5rem 0;
    }
    .failed {
      color: #8c1d18;
    }
    @media print {
      :host {
        display: none;
      }
    }
  `,
})
export class DownloadRow {
  /** What the group of buttons is called for screen readers. */
  readonly label = input.required<string>();
  /** The notice shown when a file could not be made; null shows none. */
  readonly failure = input<string | null>(null);
}
