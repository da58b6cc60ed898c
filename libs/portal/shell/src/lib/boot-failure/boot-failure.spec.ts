import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dictionaryMismatches } from '@quartier/portal-ui/texts';
import { BOOT_FAILURE_TEXTS, BootFailure, bootFailureText, bootLanguage } from './boot-failure.ts';

describe('the portal’s start-up failure page', () => {
  it('speaks German by default, the language chosen in the portal before, else the browser’s', () => {
    assert.equal(bootLanguage(null, []), 'de');
    assert.equal(bootLanguage(null, ['fr-FR', 'it']), 'de');
    assert.equal(bootLanguage(null, ['en-GB', 'de-DE']), 'en');
    assert.equal(bootLanguage(null, ['fr-FR', 'de-AT', 'en']), 'de');
    assert.equal(bootLanguage('de', ['en-US']), 'de');
    assert.equal(bootLanguage('en', ['de-DE']), 'en');
    assert.equal(bootLanguage('fr', ['EN-us']), 'en');
  });

  it('says which step failed — the configuration, the stored sign-in or the start as a whole', () => {
    const config = new BootFailure('config', new Error('GET /portal-config.json: HTTP 502'));
    assert.deepEqual(bootFailureText(config, 'de'), {
      heading: 'Das Portal konnte seine Konfiguration nicht laden.',
      advice:
        'Bitte laden Sie die Seite neu. Besteht das Problem weiter, wenden Sie sich an die Administration Ihres Portals.',
      reload: 'Seite neu laden',
    });
    assert.equal(
      bootFailureText(new BootFailure('session', new Error('storage')), 'en').heading,
      'The portal could not restore your sign-in.',
    );
    assert.equal(
      bootFailureText(new TypeError('NG0201: No provider'), 'de').heading,
      'Das Portal konnte nicht gestartet werden.',
    );
  });

  it('never shows the technical reason, which is English', () => {
    const failure = new BootFailure('config', new Error('GET /portal-config.json: HTTP 502'));
    for (const language of ['de', 'en'] as const)
      assert.doesNotMatch(Object.values(bootFailureText(failure, language)).join(' '), /HTTP|GET/);
    assert.equal(failure.message, 'config: GET /portal-config.json: HTTP 502');
  });

  it('has the same keys in both languages', () => {
    assert.deepEqual(dictionaryMismatches(BOOT_FAILURE_TEXTS.de, BOOT_FAILURE_TEXTS.en), []);
  });
});
