import {
  ANSWER_ISSUE_CODES,
  ANSWER_CAUSE_CODES,
  NETWORK_ISSUE_CODES,
  answerCauseReason,
} from '@quartier/survey-core';
import { formTexts, issueTexts, networkIssueTexts, REFUSAL_CODES, refusalTexts } from './form-texts';

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

describe('the public form’s texts for refused name generator answers and refused submissions', () => {
  // The server's English, which a respondent must never read.
  const SERVER_ENGLISH =
    /unknown actor|is named twice|cannot name itself|not an option|invitation code is unknown|this survey is closed|too many submissions/;

  it.each(Object.entries(LANGUAGES))('give every code a sentence in %s', (_name, language) => {
    const network = networkIssueTexts(formTexts(language));
    const refusals = refusalTexts(formTexts(language));
    expect(Object.keys(network).sort()).toEqual([...NETWORK_ISSUE_CODES].sort());
    expect(Object.keys(refusals).sort()).toEqual([...REFUSAL_CODES].sort());
    for (const [code, text] of [...Object.entries(network), ...Object.entries(refusals)]) {
      expect({ code, text: text?.trim() || undefined }).toEqual({ code, text: expect.any(String) });
      expect(text).not.toMatch(SERVER_ENGLISH);
    }
  });

  it('say each in German on a German page and in English on any other, plainly in Leichte Sprache', () => {
    const de = refusalTexts(formTexts('de'));
    const en = refusalTexts(formTexts('fr'));
    const plain = refusalTexts(formTexts('de-x-easy'));
    for (const code of REFUSAL_CODES)
      expect({ code, same: de[code] === en[code] }).toEqual({ code, same: false });
    for (const code of NETWORK_ISSUE_CODES)
      expect({
        code,
        same: networkIssueTexts(formTexts('de'))[code] === networkIssueTexts(formTexts('en'))[code],
      }).toEqual({ code, same: false });
    expect(de.InvitationInvalid).toBe(
      'Diesen Einladungscode kennen wir nicht, oder er wurde schon verwendet. Bitte prüfen Sie den Code in Ihrem Einladungsschreiben.',
    );
    expect(en.InvitationInvalid).toBe(
      'We do not know this invitation code, or it has already been used. Please check the code in your invitation letter.',
    );
    expect(plain.InvitationInvalid).toBe(
      'Dieser Code stimmt nicht. Oder er wurde schon benutzt. Bitte sehen Sie in Ihrem Brief nach.',
    );
    expect(networkIssueTexts(formTexts('de'))['actor-unknown']).toBe(
      'Diese Organisation steht nicht mehr in der Liste – sie wurde wohl geändert, während Sie geantwortet haben. Bitte laden Sie die Seite neu und wählen Sie erneut.',
    );
  });
});
