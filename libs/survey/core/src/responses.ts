// Tabular responses (an ODK/KoboToolbox CSV export, paper responses typed into a sheet) turned
// into typed respondents for aggregation. One column per question name; select_multiple answers
// space-separated as ODK exports them. Every bad cell is reported with its row and column, and
// nothing is aggregated unless all rows are clean (all-or-nothing).
import { compileForm } from './compile';
import type { Form } from './model';
import type { Respondent } from './aggregation/aggregate';
import { publishableQuestions } from './aggregation/aggregate';
import { coerceAnswer } from './submission';

export interface ResponseIssue {
  /** Row number as a spreadsheet shows the file (header = row 1). */
  readonly row: number;
  readonly column: string;
  readonly reason: string;
}

export type RespondentsResult =
  | {
      readonly ok: true;
      readonly respondents: Respondent[];
      /** Publishable questions present as columns, in form order. */ readonly questions: string[];
    }
  | { readonly ok: false; readonly issues: readonly ResponseIssue[] };

/**
 * Types the columns that aggregation reads (the grouping column and the publishable questions);
 * other columns (free text, metadata, Kobo's `_uuid`, …) are ignored. Relevance and constraints
 * were enforced when the data was collected and are not re-applied here.
 */
export function respondentsFromRows(
  form: Form,
  header: readonly string[],
  rows: readonly Readonly<Record<string, string>>[],
  by: string,
): RespondentsResult {
  const compiled = compileForm(form);
  const issues: ResponseIssue[] = [];
  if (!header.includes(by))
    return { ok: false, issues: [{ row: 1, column: by, reason: `no column "${by}" to group by` }] };
  const questions = publishableQuestions(form, by).filter((q) => header.includes(q.name));
  const groupQuestion = compiled.questions.get(by);
  const respondents = rows.map((row, i) => {
    const respondent: Record<string, string | number | readonly string[]> = {};
    const rowNumber = i + 2;
    const group = (row[by] ?? '').trim();
    if (group === '') issues.push({ row: rowNumber, column: by, reason: 'no group value' });
    else if (
      groupQuestion &&
      groupQuestion.list &&
      !groupQuestion.list.choices.some((c) => c.name === group)
    ) {
      issues.push({
        row: rowNumber,
        column: by,
        reason: `"${group}" is not an option of list "${groupQuestion.list.name}"`,
      });
    }
    respondent[by] = group;
    for (const q of questions) {
      const raw = row[q.name];
      if (raw === undefined || raw.trim() === '') continue;
      const cq = compiled.questions.get(q.name)!;
      const coerced = coerceAnswer(cq, raw);
      if ('value' in coerced) respondent[q.name] = coerced.value;
      else issues.push({ row: rowNumber, column: q.name, reason: coerced.message });
    }
    return respondent;
  });
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, respondents, questions: questions.map((q) => q.name) };
}
