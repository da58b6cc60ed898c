import { DOCUMENT, Injectable, computed, effect, inject, signal } from '@angular/core';
import { API_ERROR_DICTIONARIES, type ApiErrorTextKey } from './api-error-texts';
import {
  DICTIONARIES,
  type Dictionary,
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
  /** The portal's texts and, apart so the main table stays readable, the API error texts. */
  private readonly dictionary = computed((): Readonly<Record<string, string>> => ({
    ...DICTIONARIES[this.language()],
    ...API_ERROR_DICTIONARIES[this.language()],
  }));
  private readonly numberFormat = computed(() => new Intl.NumberFormat(this.locale()));

  constructor() {
    effect(() => {
      const language = this.language();
      this.document.documentElement.lang = language;
      this.storage?.setItem(STORAGE_KEY, language);
    });
  }

  /** A text of the current language; a key it does not know comes back unchanged. */
  readonly t = (key: TranslationKey | ApiErrorTextKey, params?: TranslationParams): string => {
    const dictionary = this.dictionary();
    return key in dictionary ? translate(dictionary as Dictionary, key as TranslationKey, params) : key;
  };

  /** A text the services keep in both languages (`{ de, en }`), in the reader's; German where English is missing. */
  readonly pick = (text: { readonly de: string; readonly en?: string | null }): string =>
    this.language() === 'en' ? (text.en ?? text.de) : text.de;

  /** A tenant's own label (`labels` by language) in the reader's language where it has one, else `label`. */
  readonly tenantLabel = (label: string | null, labels?: Readonly<Record<string, string>> | null): string =>
    labels?.[this.language()] ?? label ?? '';

  readonly formatNumber = (value: number): string => this.numberFormat().format(value);

  readonly formatDate = (iso: string): string => this.formatTime(iso, { dateStyle: 'medium' });
  /** A point in time with its date and its minute (jobs, snapshots, releases). */
  readonly formatDateTime = (iso: string): string =>
    this.formatTime(iso, { dateStyle: 'medium', timeStyle: 'short' });

  toggle(): void {
    this.language.update((current) => (current === 'de' ? 'en' : 'de'));
  }

  /** An ISO timestamp in the reader's locale; one the browser cannot read is shown as it came. */
  private formatTime(iso: string, options: Intl.DateTimeFormatOptions): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(this.locale(), options);
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
