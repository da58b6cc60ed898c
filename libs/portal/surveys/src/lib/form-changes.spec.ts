import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches, fillPlaceholders } from '@quartier/portal-ui/texts';
import { FORM_CHANGE_TEXTS_DE, FORM_CHANGE_TEXTS_EN, formChangeTexts } from './form-changes.ts';

/** The heading and lines as the form builder shows them, in one language. */
function sentences(error: unknown, language: 'de' | 'en'): string[] | undefined {
  const texts = language === 'de' ? FORM_CHANGE_TEXTS_DE : FORM_CHANGE_TEXTS_EN;
  const said = formChangeTexts(error);
  return said && [said.heading, ...said.lines].map(({ key, params }) => fillPlaceholders(texts[key], params));
}

// What the survey service answers (409 IncompatibleFormChange): English reasons, and changes by code.
const refused = {
  error: {
    code: 'IncompatibleFormChange',
    details: {
      reasons: ['question kommentar was removed', 'question wohnform lost the option(s) wg'],
      changes: [
        { code: 'question-removed', params: { question: 'kommentar' }, reason: '…' },
        { code: 'question-type-changed', params: { question: 'kinder/alter', from: 'integer', to: 'text' } },
        { code: 'options-removed', params: { question: 'wohnform', options: 'wg, eigentum' } },
      ],
    },
  },
};

describe('refused form changes', () => {
  it('says each change by its code in German and English, never the English reasons', () => {
    assert.deepEqual(sentences(refused, 'de'), [
      'Nicht gespeichert: Es gibt schon Antworten, und diese Änderungen würden sie unbrauchbar machen.',
      'Die Frage kommentar wurde entfernt.',
      'Die Frage kinder/alter hat eine andere Fragenart (integer → text).',
      'Die Frage wohnform bietet diese Antworten nicht mehr an: wg, eigentum.',
    ]);
    assert.deepEqual(sentences(refused, 'en')?.slice(1, 2), ['The question kommentar was removed.']);
  });

  it('falls back to the general sentence for an unknown code, a missing value or no changes', () => {
    const general = 'Eine Änderung würde gespeicherte Antworten unbrauchbar machen.';
    const refusedWith = (details: unknown) => ({ error: { code: 'IncompatibleFormChange', details } });
    assert.equal(sentences(refusedWith({ changes: [{ code: 'new', params: {} }] }), 'de')?.[1], general);
    assert.equal(sentences(refusedWith({ changes: [{ code: 'question-removed' }] }), 'de')?.[1], general);
    assert.equal(sentences(refusedWith({ reasons: ['question x was removed'] }), 'de')?.[1], general);
  });

  it('leaves other errors to the general problem text', () => {
    assert.equal(formChangeTexts({ error: { code: 'InvalidFormModel', details: {} } }), undefined);
    assert.equal(formChangeTexts(new Error('offline')), undefined);
    assert.equal(formChangeTexts(null), undefined);
  });

  it('has a German and an English sentence for every code, with the same placeholders', () => {
    assert.deepEqual(dictionaryMismatches(FORM_CHANGE_TEXTS_DE, FORM_CHANGE_TEXTS_EN), []);
  });
});
