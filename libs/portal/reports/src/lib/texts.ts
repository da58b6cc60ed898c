import { Injectable, inject } from '@angular/core';
import { problemFrom } from '@quartier/portal-data-access';
import {
  describeProblem,
  featureKeyTexts,
  featureTexts,
  formatFileSize,
  I18n,
  keyChoices,
} from '@quartier/portal-ui';
import { jobProblem, type ReportView } from './report-jobs';
import { REPORT_FORMATS, REPORT_LANGUAGES } from './report-request';
import { DE, type ReportsTextKey } from './texts-de';
import { EN } from './texts-en';

export type { ReportsTextKey };

/** This feature's texts in German (default) and English, following the shell's language. */
@Injectable({ providedIn: 'root' })
export class ReportsTexts {
  private readonly i18n = inject(I18n);
  readonly language = this.i18n.language;

  readonly t = featureTexts<ReportsTextKey>(DE, EN);
  readonly tk = featureKeyTexts(DE, this.t);

  /** The formats and languages a report is made in, as the choices of a select (qChoices). */
  readonly formatChoices = keyChoices(REPORT_FORMATS, 'format', this.tk);
  readonly languageChoices = keyChoices(REPORT_LANGUAGES, 'language', this.tk);

  /** A failed request, in the words of the portal's translation tables. */
  readonly problem = (error: unknown): string => describeProblem(problemFrom(error), this.i18n.t);
  /** A failed or stopped job's recorded error (by its code), likewise; '' for a job without one. */
  readonly jobError = (report: ReportView): string =>
    report.error ? describeProblem(jobProblem(report.error), this.i18n.t) : '';

  /** A count (responses, areas, rows …) in the reader's locale: 1.234 in German, 1,234 in English. */
  readonly count = this.i18n.formatNumber;
  readonly fileSize = (bytes: number): string => formatFileSize(bytes, this.i18n.locale());
  readonly dateTime = this.i18n.formatDateTime;
}
