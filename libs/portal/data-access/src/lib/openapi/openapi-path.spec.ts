import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillPath } from './openapi-path.ts';

describe('generated client paths', () => {
  it('fills path parameters URI-encoded', () => {
    assert.equal(
      fillPath('/api/programme/programmes/{programmeId}/measures', { programmeId: 'a b/c' }),
      '/api/programme/programmes/a%20b%2Fc/measures',
    );
    assert.equal(fillPath('/api/x/{a}/{b}', { a: 1, b: 'z' }), '/api/x/1/z');
    assert.equal(fillPath('/api/programme/programmes'), '/api/programme/programmes');
  });

  it('refuses a missing or empty parameter instead of calling a wrong URL', () => {
    assert.throws(() => fillPath('/api/x/{id}', {}), /path parameter id of \/api\/x\/\{id\} is missing/);
    assert.throws(() => fillPath('/api/x/{id}', { id: '' }), /missing/);
  });
});
