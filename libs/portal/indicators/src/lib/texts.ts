import { Injectable, inject } from '@angular/core';
import { problemFrom } from '@quartier/portal-data-access';
import { I18n, describeProblem, featureKeyTexts, featureTexts, formatDecimal } from '@quartier/portal-ui';
import { DE, type IndicatorTextKey } from './texts-de';
import { EN } from './texts-en';

export type { IndicatorTextKey };

/** This feature's texts in German (default) and English, following the shell's language. */
@Injectable({ providedIn: 'root' })
export class IndicatorTexts {
  private readonly i18n = inject(I18n);
  readonly t = featureTexts<IndicatorTextKey>(DE, EN);
  private readonly tk = featureKeyTexts(DE, this.t);

  /** A catalogue name (`{ de, en }`) in the reader's language. */
  readonly name = this.i18n.pick;

  /** A label of the tenant's definition in the reader's language, where it has one. */
  readonly label = this.i18n.tenantLabel;

  /** A unit as readers say it: "%" stays, `count` is "Anzahl" (the catalogue stores the code). */
  readonly unit = (unit: string): string => this.tk('unit', unit);

  /** A count (responses, areas, rows …) in the reader's locale: 1.234 in German, 1,234 in English. */
  readonly count = this.i18n.formatNumber;
  readonly number = (value: number | null | undefined, digits = 2): string =>
    formatDecimal(value, this.i18n.locale(), digits);

  /** A failed call as one translated sentence, chosen by the service's error code. */
  readonly problem = (error: unknown): string => describeProblem(problemFrom(error), this.i18n.t);
}
