import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeReturnUrl } from './return-url.ts';

describe('safeReturnUrl', () => {
  it('keeps paths inside the portal, with query and fragment', () => {
    assert.equal(safeReturnUrl('/areas?area=1&level=bezirk'), '/areas?area=1&level=bezirk');
    assert.equal(safeReturnUrl('/admin/role-assignments#top'), '/admin/role-assignments#top');
  });

  it('sends everything else to the start page', () => {
    for (const candidate of [
      null,
      undefined,
      '',
      'areas',
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/auth/callback',
      '/auth/callback?code=x',
      '/a\nb',
    ]) {
      assert.equal(safeReturnUrl(candidate), '/', String(candidate));
    }
  });
});
