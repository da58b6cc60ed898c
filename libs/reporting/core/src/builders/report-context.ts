import type { ReportLanguage, ReportMetadata } from '../model/report-document';
import type { Texts } from '../texts';
import type { ReportProvenance } from './report-data';

/** What a report builder's section functions read: the report's data, its language and texts. */
export interface ReportContext<D> {
  data: D;
  language: ReportLanguage;
  t: Texts;
}

/**
 * The part of a report's metadata that says where it comes from (language, issuer, author, data
 * date, making time, pin): every report type records it the same way, in the document's order.
 */
export function provenanceMetadata(
  data: ReportProvenance,
  language: ReportLanguage,
): Pick<ReportMetadata, 'language' | 'organisation' | 'author' | 'asOf' | 'generatedAt' | 'pin'> {
  return {
    language,
    organisation: data.organisation,
    ...(data.author ? { author: data.author } : {}),
    asOf: data.asOf,
    generatedAt: data.generatedAt,
    ...(data.pin ? { pin: data.pin } : {}),
  };
}
