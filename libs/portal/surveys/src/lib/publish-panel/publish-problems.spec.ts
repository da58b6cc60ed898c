import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches, fillPlaceholders } from '@quartier/portal-ui/texts';
import {
  PUBLISH_PROBLEM_TEXTS_DE,
  PUBLISH_PROBLEM_TEXTS_EN,
  publishProblemTexts,
} from './publish-problems.ts';

/** The sentences as the publish panel shows them: each key's text with its placeholders filled. */
function sentences(details: unknown, language: 'de' | 'en'): string[] {
  const texts = language === 'de' ? PUBLISH_PROBLEM_TEXTS_DE : PUBLISH_PROBLEM_TEXTS_EN;
  return publishProblemTexts(details).map(({ key, params }) => fillPlaceholders(texts[key], params));
}

// What the survey service answers (409 NotPublishable): English problems, and issues by code.
const refused = {
  problems: [
    'the survey has no wave',
    'the survey has no target areas',
    'area list gebiete: 011101, 011102 are not target area codes',
  ],
  issues: [
    { code: 'NoWave', params: {} },
    { code: 'NoTargetAreas', params: {} },
    { code: 'UnknownAreaChoices', params: { list: 'gebiete', codes: '011101, 011102' } },
  ],
};

describe('publish problems', () => {
  it('says each reason by its code in German and English with the values it names, never the English problems', () => {
    assert.deepEqual(sentences(refused, 'de'), [
      'Die Befragung hat noch keine Welle.',
      'Die Befragung hat noch keine Zielgebiete.',
      'Die Auswahlliste gebiete nennt Gebiete, die keine Zielgebiete sind: 011101, 011102.',
    ]);
    assert.deepEqual(sentences(refused, 'en'), [
      'The survey has no wave yet.',
      'The survey has no target areas yet.',
      'The choice list gebiete names areas that are not target areas: 011101, 011102.',
    ]);
    assert.match(
      sentences(
        { issues: [{ code: 'UncollectedQuestion', params: { question: 'foto', type: 'image' } }] },
        'de',
      )[0],
      /^Die Frage foto \(image\) fragt nach einer Datei/,
    );
    assert.deepEqual(sentences({ issues: [{ code: 'InvalidWeighting', params: {} }] }, 'en'), [
      'The weighting no longer fits the target areas or the questionnaire (an area is no longer a target area, or an answer of the weighting question is gone). Save the weighting again, corrected.',
    ]);
  });

  it('falls back to the general sentence for an unknown code, a missing value or an answer without issues', () => {
    const general = 'Die Befragung erfüllt eine Voraussetzung für die Veröffentlichung noch nicht.';
    assert.deepEqual(sentences({ issues: [{ code: 'SomethingNew', params: {} }] }, 'de'), [general]);
    assert.deepEqual(sentences({ issues: [{ code: 'UnknownAreaChoices', params: { list: 'g' } }] }, 'de'), [
      general,
    ]);
    assert.deepEqual(sentences({ problems: ['the survey has no wave'] }, 'de'), [general]);
    assert.deepEqual(sentences(null, 'en'), ['The survey does not yet meet a condition for publishing.']);
  });

  it('has the same keys and placeholders in both languages', () => {
    assert.deepEqual(dictionaryMismatches(PUBLISH_PROBLEM_TEXTS_DE, PUBLISH_PROBLEM_TEXTS_EN), []);
  });
});
