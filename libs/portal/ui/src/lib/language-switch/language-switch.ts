import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { I18n } from '../i18n/i18n';

/** One button that switches between German and English, labelled in the target language. */
@Component({
  selector: 'q-language-switch',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-stroked-button
      type="button"
      class="language-switch"
      [attr.lang]="i18n.language() === 'de' ? 'en' : 'de'"
      [attr.aria-label]="t('app.languageSwitchLabel')"
      (click)="i18n.toggle()"
    >
      {{ t('app.languageSwitch') }}
    </button>
  `,
})
export class LanguageSwitch {
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
}
