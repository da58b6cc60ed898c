import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SURVEY_K } from '@quartier/contracts/browser';
import { dictionaryMismatches } from '@quartier/portal-ui/texts';
import { SURVEY_K_TEXTS_DE, SURVEY_K_TEXTS_EN, surveyK } from './survey-k.ts';

describe('surveyK', () => {
  it('takes every whole k the survey service takes, the default among them', () => {
    for (const k of [2, 10, 1000, SURVEY_K.default]) assert.equal(surveyK(k), k);
    assert.equal(surveyK(' 25 '), 25);
  });

  it('refuses what the survey service refuses: below 2, above 1000, fractions, an empty field', () => {
    for (const typed of [1, 0, -5, 1001, 2.5, null, '', 'zehn', Number.NaN])
      assert.equal(surveyK(typed), null, String(typed));
  });

  it('says the bounds in German and English', () => {
    assert.deepEqual(dictionaryMismatches(SURVEY_K_TEXTS_DE, SURVEY_K_TEXTS_EN), []);
    assert.match(SURVEY_K_TEXTS_DE['k.invalid'], /von 2 bis 1000/);
    assert.match(SURVEY_K_TEXTS_EN['k.invalid'], /from 2 to 1000/);
  });
});
