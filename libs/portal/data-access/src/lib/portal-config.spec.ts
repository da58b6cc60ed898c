import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PortalConfigError, parsePortalConfig } from './portal-config.ts';

describe('parsePortalConfig', () => {
  it('accepts the platform’s config and normalises trailing slashes', () => {
    assert.deepEqual(
      parsePortalConfig({
        oidcIssuer: 'http://localhost:3000/oidc/',
        oidcClientId: 'quartier-portal',
        apiBaseUrl: '',
      }),
      {
        oidcIssuer: 'http://localhost:3000/oidc',
        oidcClientId: 'quartier-portal',
        apiBaseUrl: '',
        oidcScope: 'openid profile',
        berlinData: null,
      },
    );
    assert.equal(
      parsePortalConfig({
        oidcIssuer: 'https://sso.example/realms/quartier',
        oidcClientId: 'p',
        apiBaseUrl: 'https://api.example/',
      }).apiBaseUrl,
      'https://api.example',
    );
  });

  it('defaults a missing apiBaseUrl to the same origin and keeps a custom scope', () => {
    const config = parsePortalConfig({
      oidcIssuer: 'http://idp',
      oidcClientId: 'p',
      oidcScope: 'openid profile offline_access',
    });
    assert.equal(config.apiBaseUrl, '');
    assert.equal(config.oidcScope, 'openid profile offline_access');
  });

  it('passes on whether the demo platform had Berlin’s reference data', () => {
    const base = { oidcIssuer: 'http://idp', oidcClientId: 'p' };
    assert.equal(parsePortalConfig({ ...base, berlinData: false }).berlinData, false);
    assert.equal(parsePortalConfig({ ...base, berlinData: true }).berlinData, true);
    assert.equal(parsePortalConfig(base).berlinData, null);
    assert.throws(
      () => parsePortalConfig({ ...base, berlinData: 'no' }),
      /"berlinData" must be true or false/,
    );
  });

  it('names the field that is wrong', () => {
    assert.throws(() => parsePortalConfig(null), /expected a JSON object/);
    assert.throws(() => parsePortalConfig([]), /expected a JSON object/);
    assert.throws(() => parsePortalConfig({ oidcClientId: 'p' }), /"oidcIssuer" must be a non-empty string/);
    assert.throws(
      () => parsePortalConfig({ oidcIssuer: 'localhost/oidc', oidcClientId: 'p' }),
      /"oidcIssuer" must be an http\(s\) URL/,
    );
    assert.throws(() => parsePortalConfig({ oidcIssuer: 'http://idp', oidcClientId: ' ' }), /"oidcClientId"/);
    assert.throws(
      () => parsePortalConfig({ oidcIssuer: 'http://idp', oidcClientId: 'p', apiBaseUrl: 3 }),
      /"apiBaseUrl"/,
    );
    assert.throws(
      () => parsePortalConfig({ oidcIssuer: 'http://idp', oidcClientId: 'p', oidcScope: 'profile' }),
      /"oidcScope"/,
    );
    assert.throws(() => parsePortalConfig({}), PortalConfigError);
  });
});
