import { Injectable, inject } from '@angular/core';
import { problemFrom } from '@quartier/portal-data-access';
import {
  describeProblem,
  featureKeyTexts,
  featureTexts,
  formatDecimal,
  formatPercent,
  I18n,
} from '@quartier/portal-ui';
import { formatEuros } from './money';
import { DE, type ProgrammeTextKey } from './texts-de';
import { EN } from './texts-en';

export type { ProgrammeTextKey };

/** This feature's texts in German (default) and English, following the shell's language. */
@Injectable({ providedIn: 'root' })
export class ProgrammeTexts {
  private readonly i18n = inject(I18n);
  readonly locale = this.i18n.locale;

  readonly t = featureTexts<ProgrammeTextKey>(DE, EN);
  readonly tk = featureKeyTexts(DE, this.t);

  /** A failed request, in the words of the portal's translation tables. */
  readonly problem = (error: unknown): string => describeProblem(problemFrom(error), this.i18n.t);

  readonly euros = (cents: number | null | undefined): string => formatEuros(cents, this.i18n.locale());
  /** A count (responses, areas, rows …) in the reader's locale: 1.234 in German, 1,234 in English. */
  readonly count = this.i18n.formatNumber;
  readonly number = (value: number | null | undefined, digits = 2): string =>
    formatDecimal(value, this.i18n.locale(), digits);
  /** A share (0.85) as a percentage: '85 %' in German, '85%' in English. */
  readonly percent = (share: number | null | undefined): string =>
    formatPercent(share, this.i18n.locale(), 1);
  readonly date = (iso: string): string => this.i18n.formatDate(iso);
}
