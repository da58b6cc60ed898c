import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { Notice } from '../notice/notice';
import { Submission } from '../submission/submission';

/**
 * The sending state of a form that stays on its page after sending: a Submission plus
 * `message`, the words that confirm what the last request did ("Budget gespeichert."). Sending
 * again clears the last confirmation, as it clears the last failure.
 */
export class ConfirmedSubmission extends Submission {
  readonly message = signal<string | null>(null);

  override run(request: () => Promise<unknown>): Promise<void> {
    this.message.set(null);
    return super.run(request);
  }
}

/**
 * What a Submission tells the user below its form: the failure as an alert, else (a
 * ConfirmedSubmission's) the confirmation as a status. The host adds no box of its own, so the
 * notices sit in the page's flow as if written there.
 */
@Component({
  selector: 'q-submission-notices',
  imports: [Notice],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (submission().error(); as error) {
      <q-notice kind="error">{{ error }}</q-notice>
    }
    @if (confirmation(); as message) {
      <q-notice kind="success">{{ message }}</q-notice>
    }
  `,
  styles: ':host { display: contents; }',
})
export class SubmissionNotices {
  readonly submission = input.required<Submission>();
  protected readonly confirmation = computed(() => {
    const submission = this.submission();
    return submission instanceof ConfirmedSubmission ? submission.message() : null;
  });
}
