import { ANSWER_ISSUE_CODES, ANSWER_CAUSE_CODES, answerCauseReason } from '@quartier/survey-core';
import { formTexts, issueTexts } from './form-texts';

const LANGUAGES = { German: 'de', English: 'en', 'Leichte Sprache': 'de-x-easy' } as const;
// The core's English for every cause, as far as it reads without parameters.
const CORE_ENGLISH = new Set(ANSWER_CAUSE_CODES.map((code) => answerCauseReason({ code, params: {} })));

describe('the public form’s texts for refused answers', () => {
  it.each(Object.entries(LANGUAGES))('give every answer issue code a sentence in %s', (_name, language) => {
    const texts = issueTexts(formTexts(language));
    for (const code of ANSWER_ISSUE_CODES) {
      expect({ code, text: texts[code]?.trim() || undefined }).toEqual({ code, text: expect.any(String) });
      expect(CORE_ENGLISH.has(texts[code])).toBe(false);
    }
    expect(Object.keys(texts).sort()).toEqual([...ANSWER_ISSUE_CODES].sort());
  });

  it('say each in German on a German page and in English on any other', () => {
    const de = issueTexts(formTexts('de'));
    const en = issueTexts(formTexts('fr'));
    for (const code of ANSWER_ISSUE_CODES)
      expect({ code, same: de[code] === en[code] }).toEqual({ code, same: false });
    expect(de.not_relevant).toBe(
      'Diese Frage passt nicht zu Ihren übrigen Antworten – der Fragebogen wurde wohl geändert, während Sie geantwortet haben. Bitte laden Sie die Seite neu. Ihre Antworten bleiben erhalten.',
    );
    expect(en.unknown_field).toBe(
      'This question is no longer in the questionnaire – it was probably changed while you were answering. Please reload the page. Your answers are kept.',
    );
  });
});
