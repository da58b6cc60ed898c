import {
  ANSWER_ISSUE_CODES,
  type AnswerIssueCode,
  type CompiledQuestion,
} from '@quartier/survey-core/browser';
import type { IssueTexts, Texts } from './definition';
import { type ShownIssue, issueText } from './issue-text';

type Question = CompiledQuestion['question'];

// The page's texts by key, each naming itself: what was chosen shows in the result.
const TEXTS: Texts = new Proxy({} as Texts, { get: (_target, key) => `«${String(key)}»` });
const ISSUE_TEXTS = Object.fromEntries(
  ANSWER_ISSUE_CODES.map((code) => [code, `«issue ${code}»`]),
) as IssueTexts;

const ENGLISH = 'the core’s technical English';
const issue = (code: AnswerIssueCode, cause?: ShownIssue['cause']): ShownIssue => ({
  code,
  message: ENGLISH,
  ...(cause ? { cause } : {}),
});
const question = (q: Partial<Question>) => ({ name: 'q', ...q }) as Question;
const text = (i: ShownIssue, q?: Question) => issueText(i, q, TEXTS, ISSUE_TEXTS);

describe('issueText: what a respondent reads for a refused answer', () => {
  it.each(ANSWER_ISSUE_CODES)('gives %s the page’s own sentence, never the core’s English', (code) => {
    expect(text(issue(code))).toBe(`«issue ${code}»`);
    expect(text(issue(code), question({ type: 'text' }))).toBe(`«issue ${code}»`);
  });

  it('says a question the server no longer has, takes no answer for or skips in the page’s words', () => {
    const changed = { code: 'not-relevant' as const, params: {} };
    expect(text(issue('not_relevant', changed), question({ type: 'integer' }))).toBe('«issue not_relevant»');
    expect(text(issue('unknown_field', { code: 'field-unknown', params: { name: 'q' } }))).toBe(
      '«issue unknown_field»',
    );
    expect(
      text(issue('not_answerable', { code: 'not-answerable', params: { name: 'q', type: 'note' } })),
    ).toBe('«issue not_answerable»');
  });

  it('keeps the form’s own required and constraint messages, already in the respondent’s language', () => {
    const own = { code: 'form-message' as const, params: { message: 'Bitte das Alter angeben.' } };
    expect(text({ code: 'required', message: 'Bitte das Alter angeben.', cause: own })).toBe(
      'Bitte das Alter angeben.',
    );
    expect(text({ code: 'constraint', message: 'Höchstens 120.', cause: own })).toBe('Höchstens 120.');
    expect(text(issue('constraint', { code: 'constraint', params: { constraint: '. < 120' } }))).toBe(
      '«issue constraint»',
    );
  });

  it('is finer where the question’s kind or the cause tells more', () => {
    expect(text(issue('invalid_type'), question({ type: 'integer' }))).toBe('«errInteger»');
    expect(text(issue('invalid_type'), question({ type: 'decimal' }))).toBe('«errDecimal»');
    expect(text(issue('invalid_type'), question({ type: 'date' }))).toBe('«errDate»');
    expect(text(issue('invalid_choice'), question({ type: 'rank' }))).toBe('«errRank»');
    expect(text(issue('invalid_repeat', { code: 'repeat-too-many', params: { max: 50 } }))).toBe(
      '«repeatLimit»',
    );
    const point = question({ type: 'area', method: 'point' } as Partial<Question>);
    expect(text(issue('unresolved_area', { code: 'point-outside', params: {} }), point)).toBe(
      '«errPointOutside»',
    );
    expect(text(issue('unresolved_area', { code: 'geopoint-invalid', params: {} }), point)).toBe(
      '«geopointHint»',
    );
  });
});
