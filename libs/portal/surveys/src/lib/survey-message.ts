import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Notice } from '@quartier/portal-ui';

/** What an action of the survey pages reports: a sentence, and for a refusal its reasons, one a line. */
export interface SurveyMessage {
  readonly kind: 'success' | 'error';
  readonly text: string;
  readonly lines?: readonly string[];
}

/** A {@link SurveyMessage} as a notice (an error is announced at once) with its lines listed. */
@Component({
  selector: 'q-survey-message',
  imports: [Notice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-notice [kind]="message().kind">
      {{ message().text }}
      @if (message().lines; as lines) {
        <ul class="lines">
          @for (line of lines; track $index) {
            <li>{{ line }}</li>
          }
        </ul>
      }
    </q-notice>
  `,
  styles: `
    .lines {
      margin: 0.5rem 0 0;
    }
  `,
})
export class SurveyMessageNotice {
  readonly message = input.required<SurveyMessage>();
}
