import { signal } from '@angular/core';

/**
 * What a form shows while it sends: `busy` while the request runs (its submit button waits), and
 * `error`, the last failure as a sentence for the user — cleared when the form sends again.
 */
export class Submission {
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  private readonly describe: (error: unknown) => string;

  /** `describe` turns a failure into the user's words (the page's problem texts). */
  constructor(describe: (error: unknown) => string) {
    this.describe = describe;
  }

  /** Sends once; a failure becomes `error` instead of escaping to the caller. */
  async run(request: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await request();
    } catch (error) {
      this.error.set(this.describe(error));
    } finally {
      this.busy.set(false);
    }
  }
}
