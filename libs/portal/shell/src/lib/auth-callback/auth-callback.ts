import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { Auth } from '@quartier/portal-data-access';
import { I18n, Notice, PageHeading } from '@quartier/portal-ui';

/** `/auth/callback`: exchanges the authorization code (PKCE) and returns to the page the user wanted. */
@Component({
  selector: 'q-auth-callback',
  imports: [MatButtonModule, MatProgressBarModule, Notice, PageHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <q-page-heading [heading]="t('auth.login')" />
    @if (error()) {
      <q-notice kind="error">{{ t('auth.failed') }}</q-notice>
      <button mat-flat-button type="button" (click)="retry()">{{ t('auth.retry') }}</button>
    } @else {
      <p role="status">{{ t('auth.completing') }}</p>
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('auth.completing')" />
    }
  `,
})
export class AuthCallback {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  protected readonly t = inject(I18n).t;
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.auth.completeLogin().then(
      (returnUrl) => this.router.navigateByUrl(returnUrl, { replaceUrl: true }),
      (error: unknown) => this.error.set(error instanceof Error ? error.message : String(error)),
    );
  }

  protected retry(): void {
    void this.auth.login('/areas');
  }
}
