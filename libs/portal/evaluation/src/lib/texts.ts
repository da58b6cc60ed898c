import { Injectable, inject } from '@angular/core';
import { problemFrom, toApiProblem } from '@quartier/portal-data-access';
import { describeProblem, featureKeyTexts, featureTexts, formatDecimal, I18n } from '@quartier/portal-ui';
import { formatP, formatSigned, isFailure, type Failure } from './numbers';
import { DE, type EvaluationTextKey } from './texts-de';
import { EN } from './texts-en';

export type { EvaluationTextKey };

/** This feature's texts in German (default) and English, following the shell's language. */
@Injectable({ providedIn: 'root' })
export class EvaluationTexts {
  private readonly i18n = inject(I18n);
  readonly language = this.i18n.language;
  readonly locale = this.i18n.locale;

  readonly t = featureTexts<EvaluationTextKey>(DE, EN);
  readonly tk = featureKeyTexts(DE, this.t);

  /** A failed request, in the words of the portal's translation tables. */
  readonly problem = (error: unknown): string => describeProblem(problemFrom(error), this.i18n.t);
  /** A result the service could not compute, by its code (its details fill the sentence). */
  readonly failure = (failure: Failure): string =>
    describeProblem(toApiProblem(422, failure.error), this.i18n.t);
  /** Why a result is missing, if the service failed to compute it; null when it has numbers. */
  readonly failed = (result: object | null | undefined): string | null =>
    isFailure(result) ? this.failure(result) : null;

  /** `{de, en}` texts of the service's catalogues in the current language. */
  readonly pick = this.i18n.pick;

  /** Estimates keep every decimal (0.50, not 0.5). */
  /** A count (responses, areas, rows …) in the reader's locale: 1.234 in German, 1,234 in English. */
  readonly count = this.i18n.formatNumber;
  readonly number = (value: number | null | undefined, digits = 2): string =>
    formatDecimal(value, this.locale(), digits, true);
  readonly signed = (value: number | null | undefined, digits = 2): string =>
    formatSigned(value, this.locale(), digits);
  readonly p = (value: number | null): string => formatP(value, this.locale());
  readonly date = (iso: string): string => this.i18n.formatDate(iso);
  readonly dateTime = this.i18n.formatDateTime;
}
