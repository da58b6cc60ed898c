import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches } from './coded-texts.ts';
import {
  DICTIONARIES,
  DEFAULT_LANGUAGE,
  fillPlaceholders,
  initialLanguage,
  isLanguage,
  translate,
} from './translations.ts';

describe('translate', () => {
  it('returns the German and English text of a key', () => {
    assert.equal(translate(DICTIONARIES.de, 'nav.areas'), 'Gebiete');
    assert.equal(translate(DICTIONARIES.en, 'nav.areas'), 'Areas');
  });

  it('fills every placeholder, also repeated ones and numbers', () => {
    assert.equal(
      translate(DICTIONARIES.de, 'auth.signedInAs', { name: 'Paul Planer' }),
      'Angemeldet als Paul Planer',
    );
    assert.equal(
      translate(DICTIONARIES.en, 'import.progress', { processed: 5, total: 542 }),
      '5 of 542 features processed',
    );
    assert.equal(translate({ ...DICTIONARIES.de, 'nav.areas': '{a}-{a}' }, 'nav.areas', { a: 1 }), '1-1');
  });

  it('leaves a placeholder without value visible instead of dropping it', () => {
    assert.equal(translate(DICTIONARIES.de, 'auth.signedInAs', {}), 'Angemeldet als {name}');
  });

  it('does not treat inherited object properties as parameter values', () => {
    assert.equal(
      translate(DICTIONARIES.en, 'auth.signedInAs', { toString: 'x' } as unknown as Record<string, string>),
      'Signed in as {name}',
    );
    assert.equal(
      translate({ ...DICTIONARIES.en, 'nav.areas': '{constructor}' }, 'nav.areas', {}),
      '{constructor}',
    );
  });
});

describe('dictionaries', () => {
  it('have the same keys and placeholders in German and English, none empty', () => {
    assert.deepEqual(dictionaryMismatches(DICTIONARIES.de, DICTIONARIES.en), []);
  });

  it('name every role and import status the portal can show', () => {
    for (const role of [
      'platform-admin',
      'tenant-admin',
      'programme-manager',
      'planner',
      'analyst',
      'evaluator',
      'viewer',
    ]) {
      assert.ok(`role.${role}` in DICTIONARIES.de, role);
    }
    for (const status of ['queued', 'running', 'succeeded', 'failed'])
      assert.ok(`import.status.${status}` in DICTIONARIES.en, status);
  });
});

describe('initial language', () => {
  it('is German unless English was chosen before', () => {
    assert.equal(DEFAULT_LANGUAGE, 'de');
    assert.equal(initialLanguage(null), 'de');
    assert.equal(initialLanguage('en'), 'en');
    assert.equal(initialLanguage('de'), 'de');
  });

  it('ignores stored values that are not a supported language', () => {
    assert.equal(initialLanguage('fr'), 'de');
    assert.equal(initialLanguage('EN'), 'de');
    assert.equal(initialLanguage(''), 'de');
    assert.equal(isLanguage(42), false);
  });
});

describe('fillPlaceholders', () => {
  it('fills the placeholders it has values for and leaves the others visible', () => {
    assert.equal(
      fillPlaceholders('{count} von {total} ({share} %)', { count: 3, total: 0 }),
      '3 von 0 ({share} %)',
    );
    assert.equal(fillPlaceholders('ohne {x}'), 'ohne {x}');
  });
});
