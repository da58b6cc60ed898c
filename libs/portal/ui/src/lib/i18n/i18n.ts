import { DOCUMENT, Injectable, computed, effect, inject, signal } from '@angular/core';
import {
  DICTIONARIES,
  LOCALES,
  type Language,
  type TranslationKey,
  type TranslationParams,
  initialLanguage,
  translate,
} from './translations';

const STORAGE_KEY = 'quartier.language';

/**
 * The current language as a signal. Templates call `t(...)`, which reads the signal, so every
 * OnPush view that shows a text re-renders when the language changes — no impure pipe needed.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly storage = this.document.defaultView?.localStorage ?? null;

  readonly language = signal<Language>(initialLanguage(this.readStoredLanguage()));
  readonly locale = computed(() => LOCALES[this.language()]);
  private readonly dictionary = computed(() => DICTIONARIES[this.language()]);
  private readonly numberFormat = computed(() => new Intl.NumberFormat(this.locale()));

  constructor() {
    effect(() => {
      const language = this.language();
      this.document.documentElement.lang = language;
      this.storage?.setItem(STORAGE_KEY, language);
    });
  }

  readonly t = (key: TranslationKey, params?: TranslationParams): string =>
    translate(this.dictionary(), key, params);

  readonly formatNumber = (value: number): string => this.numberFormat().format(value);

  readonly formatDate = (isoDate: string): string => {
    const date = new Date(isoDate);
    return Number.isNaN(date.getTime())
      ? isoDate
      : date.toLocaleDateString(this.locale(), { dateStyle: 'medium' });
  };

  toggle(): void {
    this.language.update((current) => (current === 'de' ? 'en' : 'de'));
  }

  private readStoredLanguage(): string | null {
    try {
      return this.storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      // Storage can be disabled by browser policy; the portal then simply starts in German.
      return null;
    }
  }
}
