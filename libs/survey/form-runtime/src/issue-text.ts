// What a respondent reads for a refused answer. The core's own messages are technical English;
// the form's constraint and required messages (already in the respondent's language) are kept,
// everything else is said in plain words — chosen by the issue's code and cause, never by its
// English text. Every code the core has gets a sentence: the page's issue texts hold one each.
import type { AnswerCause, AnswerIssue, CompiledQuestion } from '@quartier/survey-core/browser';
import type { IssueTexts, Texts } from './definition';

export type ShownIssue = Pick<AnswerIssue, 'code' | 'message'> & { cause?: AnswerCause };

/**
 * The sentence for `issue` on `question` (undefined: the page has no such question), finer than
 * the code's own where the question's kind or the cause tells more. A server that answers issues
 * without causes (one not yet updated, in a rolling deployment) gets the plain words.
 */
export function issueText(
  issue: ShownIssue,
  question: CompiledQuestion['question'] | undefined,
  texts: Texts,
  issueTexts: IssueTexts,
): string {
  const t = texts;
  const cause = issue.cause?.code;
  switch (issue.code) {
    case 'required':
    case 'constraint':
      if (cause === 'form-message') return issue.message;
      break;
    case 'invalid_type':
      if (question?.type === 'integer') return t['errInteger'];
      if (question?.type === 'decimal') return t['errDecimal'];
      if (question?.type === 'date') return t['errDate'];
      break;
    case 'invalid_choice':
      if (question?.type === 'rank') return t['errRank'];
      break;
    case 'invalid_repeat':
      // Only a page out of step with the server (an old draft, a sent count) gets here.
      if (cause === 'repeat-too-many')
        return t['repeatLimit'].replace('{n}', String(issue.cause?.params['max'] ?? ''));
      break;
    case 'unresolved_area':
      if (question?.type === 'area' && question.method === 'point')
        return cause === 'point-outside' ? t['errPointOutside'] : t['geopointHint'];
      break;
  }
  return issueTexts[issue.code];
}
