import type { z } from 'zod';
import { ReportingError } from '../reporting-error';
import { reportDocumentSchema, type ReportDocument, type ReportSection } from './report-document';

/** Headings deeper than this are not useful in print and have no style in every word processor. */
export const MAX_SECTION_DEPTH = 3;

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `- ${issue.path.length ? issue.path.join('.') : '(document)'}: ${issue.message}`)
    .join('\n');
}

/** Problems the schema cannot see: ids must be unique (anchors, sheet names), depth is bounded. */
function structuralIssues(document: ReportDocument): string[] {
  const issues: string[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, where: string) => {
    const first = seen.get(id);
    if (first) issues.push(`- ${where}: id "${id}" is already used by ${first}`);
    else seen.set(id, where);
  };
  const visit = (sections: ReportSection[], path: string, depth: number) => {
    sections.forEach((section, i) => {
      const here = `${path}.${i}`;
      if (depth > MAX_SECTION_DEPTH)
        issues.push(`- ${here}: sections nest at most ${MAX_SECTION_DEPTH} levels deep`);
      claim(section.id, here);
      section.blocks.forEach((block, b) => {
        if (block.kind === 'table') claim(block.table.id, `${here}.blocks.${b}.table`);
        if (block.kind === 'figure') {
          claim(block.figure.id, `${here}.blocks.${b}.figure`);
          if (block.figure.data) claim(block.figure.data.id, `${here}.blocks.${b}.figure.data`);
        }
      });
      visit(section.sections ?? [], `${here}.sections`, depth + 1);
    });
  };
  visit(document.sections, 'sections', 1);
  visit(document.annex ?? [], 'annex', 2);
  return issues;
}

/**
 * Validates unknown input (e.g. a pinned document read back from storage) as a report document.
 * @throws ReportingError `InvalidDocument` listing every problem with its path.
 */
export function parseReportDocument(input: unknown): ReportDocument {
  const result = reportDocumentSchema.safeParse(input);
  if (!result.success) {
    throw new ReportingError('InvalidDocument', `invalid report document:\n${formatIssues(result.error)}`);
  }
  const issues = structuralIssues(result.data);
  if (issues.length > 0)
    throw new ReportingError('InvalidDocument', `invalid report document:\n${issues.join('\n')}`);
  return result.data;
}
