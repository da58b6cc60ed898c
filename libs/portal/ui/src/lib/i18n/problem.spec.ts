import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_ERROR_DICTIONARIES } from './api-error-texts.ts';
import { dictionaryMismatches } from './coded-texts.ts';
import { describeProblem } from './problem.ts';
import { DICTIONARIES, translate, type Dictionary, type TranslationKey } from './translations.ts';

/** The portal's `t` as I18n builds it: both tables, unknown keys returned unchanged. */
function translator(language: 'de' | 'en') {
  const dictionary: Record<string, string> = {
    ...DICTIONARIES[language],
    ...API_ERROR_DICTIONARIES[language],
  };
  return (key: string, params?: Record<string, string | number>) =>
    key in dictionary ? translate(dictionary as Dictionary, key as TranslationKey, params) : key;
}

const problem = (status: number, code: string | null, extra: Record<string, unknown> = {}) => ({
  status,
  code,
  message: 'survey 1234 not found',
  details: ['requires one of the roles tenant-admin, planner'],
  ...extra,
});

describe('describeProblem', () => {
  it('says what the service’s error code means, in German and English, never its English message', () => {
    assert.equal(
      describeProblem(problem(404, 'SurveyNotFound'), translator('de')),
      'Die Befragung wurde nicht gefunden.',
    );
    assert.equal(
      describeProblem(problem(404, 'SurveyNotFound'), translator('en')),
      'The survey was not found.',
    );
    const missingRole = describeProblem(problem(403, 'MissingRole'), translator('de'));
    assert.equal(missingRole, 'Für diese Aktion fehlt Ihnen die erforderliche Rolle.');
    assert.doesNotMatch(missingRole, /requires|not found/);
  });

  it('falls back to a sentence for the HTTP status when a code is unknown', () => {
    assert.equal(
      describeProblem(problem(409, 'SomethingNew'), translator('de')),
      'Das ist im aktuellen Zustand nicht möglich.',
    );
    assert.equal(
      describeProblem(problem(502, null), translator('en')),
      'An error occurred on the server. Please try again later.',
    );
    assert.equal(describeProblem(problem(418, null), translator('de')), 'Unbekannter Fehler (HTTP 418).');
  });

  it('names the fields of a validation error', () => {
    assert.equal(
      describeProblem(problem(400, 'ValidationFailed', { fields: ['title', 'k'] }), translator('de')),
      'Einige Angaben sind unvollständig oder ungültig. Betroffene Felder: title, k',
    );
  });

  it('tells an unreachable server from an error in the portal itself', () => {
    assert.equal(describeProblem(problem(0, null), translator('de')), 'Der Server ist nicht erreichbar.');
    assert.equal(
      describeProblem(problem(-1, null), translator('en')),
      'An unexpected error occurred. Please reload the page.',
    );
  });

  it('has the same keys and placeholders in both languages, none a key of the portal’s own texts', () => {
    assert.deepEqual(dictionaryMismatches(API_ERROR_DICTIONARIES.de, API_ERROR_DICTIONARIES.en), []);
    for (const key of Object.keys(API_ERROR_DICTIONARIES.de))
      assert.ok(!(key in DICTIONARIES.de), `${key} is defined twice`);
  });
});
