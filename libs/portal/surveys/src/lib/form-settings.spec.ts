import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches, fillPlaceholders } from '@quartier/portal-ui/texts';
import { FORM_SETTINGS_TEXTS_DE, FORM_SETTINGS_TEXTS_EN, formSettingsTexts } from './form-settings.ts';

/** The heading and lines as the form builder shows them, in one language. */
function sentences(error: unknown, language: 'de' | 'en'): string[] | undefined {
  const texts = language === 'de' ? FORM_SETTINGS_TEXTS_DE : FORM_SETTINGS_TEXTS_EN;
  const said = formSettingsTexts(error);
  return said && [said.heading, ...said.lines].map(({ key, params }) => fillPlaceholders(texts[key], params));
}

// What the survey service answers (422 FormBreaksSettings): English reasons, and settings by code.
const refused = {
  error: {
    code: 'FormBreaksSettings',
    details: {
      reasons: ['indicatorItems.2.question: no question alter outside repeats', '…'],
      settings: [
        {
          field: 'indicatorItems.2.question',
          code: 'indicator-question-missing',
          params: { indicator: 'survey.alter', question: 'alter' },
          reason: 'no question alter outside repeats',
        },
        {
          field: 'weighting.question',
          code: 'weighting-question-not-select-one',
          params: { question: 'wohnform', type: 'select_multiple' },
        },
        {
          field: 'weighting.population',
          code: 'weighting-options-missing',
          params: { question: 'wohnform', options: 'eigentum' },
        },
      ],
    },
  },
};

describe('forms refused for the survey’s settings', () => {
  it('says each setting the form no longer serves by its code in German and English, never the English reasons', () => {
    assert.deepEqual(sentences(refused, 'de'), [
      'Nicht gespeichert: Einstellungen der Befragung brauchen Fragen, die dieser Fragebogen nicht mehr so enthält. Ändern Sie zuerst die Indikatoren bzw. die Gewichtung – oder behalten Sie die Fragen.',
      'Indikator survey.alter: Die Frage alter gibt es nicht mehr (außerhalb von Wiederholgruppen).',
      'Gewichtung: Die Frage wohnform ist jetzt vom Typ select_multiple; gewichtet wird nur mit einer Einfachauswahl.',
      'Gewichtung: Die Frage wohnform bietet diese Antworten nicht mehr an, für die Einwohnerzahlen hinterlegt sind: eigentum.',
    ]);
    assert.deepEqual(sentences(refused, 'en')?.slice(1, 2), [
      'Indicator survey.alter: the question alter no longer exists (outside repeat groups).',
    ]);
  });

  it('falls back to the general sentence for an unknown code, a missing value or no settings', () => {
    const general =
      'Eine Einstellung der Befragung (Indikatoren oder Gewichtung) passt nicht mehr zum Fragebogen.';
    const refusedWith = (details: unknown) => ({ error: { code: 'FormBreaksSettings', details } });
    assert.equal(sentences(refusedWith({ settings: [{ code: 'new', params: {} }] }), 'de')?.[1], general);
    assert.equal(
      sentences(
        refusedWith({ settings: [{ code: 'indicator-options-missing', params: { question: 'x' } }] }),
        'de',
      )?.[1],
      general,
    );
    assert.equal(
      sentences(refusedWith({ reasons: ['weighting.question: no question x'] }), 'de')?.[1],
      general,
    );
  });

  it('leaves other errors to their own texts', () => {
    assert.equal(formSettingsTexts({ error: { code: 'IncompatibleFormChange', details: {} } }), undefined);
    assert.equal(formSettingsTexts(new Error('offline')), undefined);
    assert.equal(formSettingsTexts(null), undefined);
  });

  it('has a German and an English sentence for every code, with the same placeholders', () => {
    assert.deepEqual(dictionaryMismatches(FORM_SETTINGS_TEXTS_DE, FORM_SETTINGS_TEXTS_EN), []);
  });
});
