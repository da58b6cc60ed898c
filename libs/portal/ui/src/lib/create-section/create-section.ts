import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Notice } from '../notice/notice';

/**
 * The section of a list page where a new item is created: its heading names the section, the
 * page's form goes inside, and the form's last failure shows below it.
 */
@Component({
  selector: 'section[qCreateSection]',
  imports: [Notice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'create', 'aria-labelledby': 'create-heading' },
  template: `
    <h2 id="create-heading">{{ heading() }}</h2>
    <ng-content />
    @if (error()) {
      <q-notice kind="error">{{ error() }}</q-notice>
    }
  `,
})
export class CreateSection {
  readonly heading = input.required<string>();
  readonly error = input<string | null>(null);
}
